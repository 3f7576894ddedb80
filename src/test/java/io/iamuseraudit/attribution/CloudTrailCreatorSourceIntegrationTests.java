package io.iamuseraudit.attribution;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.account.MemberAccountCredentials;
import io.iamuseraudit.aws.AccountRateLimiter;
import io.iamuseraudit.fakeaws.AwsClientsForTests;
import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeCreator;
import io.iamuseraudit.fakeaws.FakeOrgTrail;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeUser;
import io.iamuseraudit.inventory.IamUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Creators through the SDK's HTTP stack against a local STS and CloudTrail that page
 * results and throttle a third request within a second per account, and an S3Proxy
 * holding the organization trail's gzipped log files.
 */
@ExtendWith(OutputCaptureExtension.class)
class CloudTrailCreatorSourceIntegrationTests {

	private static final String PROD = "111100000001";

	private static final String OLD_ONLY = "111100000002";

	private static final String DENIED = "111100000003";

	@RegisterExtension
	static final FakeAws aws = new FakeAws();

	private static AwsClientsForTests clients;

	private static FakeOrgTrail trail;

	private final CreateUserEvents parser = new CreateUserEvents(JsonMapper.builder().build());

	private final LocalDate reportDate = LocalDate.now(ZoneOffset.UTC);

	private FakeOrganization organization;

	private MemberAccountCredentials credentials;

	@BeforeAll
	static void startClients() {
		trail = new FakeOrgTrail().start();
		clients = AwsClientsForTests.start("audit.aws.max-attempts=4");
	}

	@AfterAll
	static void stopClients() {
		clients.close();
		trail.close();
	}

	@BeforeEach
	void organization() {
		this.organization = new FakeOrganization();
		FakeAccount prod = this.organization.account(PROD, "prod");
		prod.user("alice").createdDaysAgo(10).createdBy(FakeCreator.iamUser("bob"));
		prod.user("ci-bot").createdDaysAgo(20).createdBy(FakeCreator.cloudFormation("deploy-role"));
		prod.user("sso-made")
			.createdDaysAgo(30)
			.createdBy(FakeCreator.identityCenter("AdministratorAccess", "jane@example.com"));
		prod.user("tf-made").createdDaysAgo(40).createdBy(FakeCreator.assumedRole("terraform", "pipeline-7"));
		prod.user("root-made").createdDaysAgo(50).createdBy(FakeCreator.root());
		prod.user("no-event").createdDaysAgo(15);
		prod.user("old-user").createdDaysAgo(400).createdBy(FakeCreator.iamUser("carol"));
		prod.user("old-not-in-trail").createdDaysAgo(500).createdBy(FakeCreator.iamUser("dave")).inOrgTrail(false);
		for (int i = 0; i < 110; i++) {
			prod.user("bulk-" + i)
				.createdDaysAgo(60 + i % 20)
				.createdBy(FakeCreator.assumedRole("provisioner", "run-" + i));
		}
		this.organization.account(OLD_ONLY, "old-only")
			.user("legacy")
			.createdDaysAgo(200)
			.createdBy(FakeCreator.root());
		this.organization.account(DENIED, "denied")
			.role(FakeAccount.Role.DENIED)
			.user("x")
			.createdDaysAgo(5)
			.createdBy(FakeCreator.root());
		aws.organization(this.organization);
		clients.apiCallCounter().drain(PROD);
		this.credentials = new MemberAccountCredentials(clients.get(StsClient.class), "IamUserAuditRole", null);
	}

	@AfterEach
	void closeCredentials() {
		this.credentials.close();
	}

	@Test
	void findsTheCreatorOfEveryRecentUserInOneSweep() {
		Map<String, Creator> creators = source(null).findCreators(account(PROD), users(PROD), this.reportDate);

		assertThat(creator(creators, "alice")).isEqualTo("bob (IAMUser, cloudtrail)");
		assertThat(creator(creators, "ci-bot")).isEqualTo("cloudformation.amazonaws.com (AWSService, cloudtrail)");
		assertThat(creator(creators, "sso-made")).isEqualTo("jane@example.com (AssumedRole, cloudtrail)");
		assertThat(creators.get(user(PROD, "sso-made").userId()).kind()).isEqualTo(CreatorKind.PERSON);
		assertThat(creator(creators, "tf-made")).isEqualTo("terraform/pipeline-7 (AssumedRole, cloudtrail)");
		assertThat(creator(creators, "root-made")).isEqualTo("root (Root, cloudtrail)");
		assertThat(creator(creators, "bulk-42")).isEqualTo("provisioner/run-42 (AssumedRole, cloudtrail)");
		assertThat(creator(creators, "no-event")).isEqualTo("unknown: no CreateUser event found");
		assertThat(creator(creators, "old-user")).isEqualTo("unknown: before CloudTrail retention");
		assertThat(creators).hasSize(users(PROD).size());
	}

	@Test
	void sweepsWithTheMemberAccountsSessionFromJustBeforeTheEarliestRecentCreation() {
		source(null).findCreators(account(PROD), users(PROD), this.reportDate);

		List<FakeCall> lookups = aws.calls("LookupEvents");
		// 116 recent creations and 24 failed attempts, 50 events a page
		assertThat(lookups).hasSize(3).allSatisfy(call -> {
			assertThat(call.accountId()).isEqualTo(PROD);
			assertThat(call.signingRegion()).isEqualTo("us-east-1");
			assertThat(call.request()).contains("\"MaxResults\":50", "\"AttributeKey\":\"EventName\"",
					"\"AttributeValue\":\"CreateUser\"");
		});
		long earliest = user(PROD, "bulk-19").createdAt().getEpochSecond();
		assertThat(lookups.get(0).request()).contains("\"StartTime\":" + (earliest - 600));
		assertThat(aws.calls("AssumeRole")).singleElement()
			.satisfies(call -> assertThat(call.request()).contains("RoleSessionName=iam-user-audit-" + this.reportDate,
					"RoleArn=arn%3Aaws%3Aiam%3A%3A" + PROD + "%3Arole%2FIamUserAuditRole"));
	}

	@Test
	void staysWithinTwoRequestsPerSecondPerAccount() {
		FakeAccount busy = this.organization.account("111100000009", "busy");
		for (int i = 0; i < 240; i++) {
			busy.user("busy-" + i).createdDaysAgo(1 + i % 80).createdBy(FakeCreator.iamUser("admin"));
		}

		Map<String, Creator> creators = source(null).findCreators(account("111100000009"), users("111100000009"),
				this.reportDate);

		List<FakeCall> lookups = aws.calls("LookupEvents");
		assertThat(lookups).hasSize(6).allSatisfy(call -> assertThat(call.succeeded()).isTrue());
		assertThat(aws.cloudTrailThrottled()).isZero();
		for (int i = 2; i < lookups.size(); i++) {
			assertThat(Duration.between(lookups.get(i - 2).at(), lookups.get(i).at()))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		}
		assertThat(creators.values()).extracting(Creator::principal).containsOnly("admin");
	}

	@Test
	void retriesAThrottledPage() {
		aws.failNext("LookupEvents", 1, 400, "ThrottlingException");

		Map<String, Creator> creators = source(null).findCreators(account(PROD), users(PROD), this.reportDate);

		assertThat(creator(creators, "alice")).isEqualTo("bob (IAMUser, cloudtrail)");
		assertThat(aws.calls("LookupEvents")).extracting(FakeCall::status).containsExactly(400, 200, 200, 200);
	}

	@Test
	void accountsWithoutUsersCreatedInTheWindowCostNoCall() {
		Map<String, Creator> creators = source(null).findCreators(account(OLD_ONLY), users(OLD_ONLY), this.reportDate);

		assertThat(creator(creators, OLD_ONLY, "legacy")).isEqualTo("unknown: before CloudTrail retention");
		assertThat(aws.calls()).isEmpty();
	}

	@Test
	void countsTheCallsMadeForTheAccount() {
		source(null).findCreators(account(PROD), users(PROD), this.reportDate);

		assertThat(clients.apiCallCounter().drain(PROD)).containsEntry("CloudTrail", 3).containsEntry("Sts", 1);
	}

	@Nested
	class DeniedRole {

		@Test
		void failsTheAccountWithAReasonAPersonUnderstands() {
			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(() -> source(null).findCreators(account(DENIED), users(DENIED), reportDate))
				.withMessage(
						"cannot assume arn:aws:iam::" + DENIED + ":role/IamUserAuditRole: access denied (the role is "
								+ "missing from the account, or its trust policy does not allow the audit's role)");
			assertThat(aws.calls("LookupEvents")).isEmpty();
		}

		@Test
		void isRememberedSoThatNoOtherSourceCallsStsAgain() {
			MemberAccount denied = account(DENIED);
			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(() -> credentials.forAccount(denied, reportDate));
			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(() -> credentials.forAccount(denied, reportDate));

			assertThat(aws.calls("AssumeRole")).singleElement()
				.satisfies(call -> assertThat(call.status()).isEqualTo(403));
		}

	}

	@Nested
	class Sessions {

		@Test
		void areReusedWhileValid() {
			credentials.forAccount(account(PROD), reportDate).resolveCredentials();
			credentials.forAccount(account(PROD), reportDate).resolveCredentials();

			assertThat(aws.calls("AssumeRole")).hasSize(1);
		}

		@Test
		void areRefreshedBeforeTheyExpire() {
			aws.stsSessionDuration(Duration.ofSeconds(30));

			credentials.forAccount(account(PROD), reportDate).resolveCredentials();
			credentials.forAccount(account(PROD), reportDate).resolveCredentials();

			assertThat(aws.calls("AssumeRole")).hasSizeGreaterThanOrEqualTo(2)
				.allSatisfy(call -> assertThat(call.succeeded()).isTrue());
		}

		@Test
		void carryTheExternalIdWhenConfigured() {
			organization.findAccount(PROD).orElseThrow().requiresExternalId("audit-2026");
			MemberAccountCredentials withExternalId = new MemberAccountCredentials(clients.get(StsClient.class),
					"IamUserAuditRole", "audit-2026");

			withExternalId.forAccount(account(PROD), reportDate).resolveCredentials();

			assertThat(aws.calls("AssumeRole")).singleElement()
				.satisfies(call -> assertThat(call.request()).contains("ExternalId=audit-2026"));
			withExternalId.close();
		}

	}

	@Nested
	class OrganizationTrail {

		private final List<String> listedPrefixes = Collections.synchronizedList(new ArrayList<>());

		@BeforeEach
		void writeTheTrail() {
			trail.write("org-trail", "audit/", organization);
		}

		@Test
		void findsTheCreatorsOfOlderUsersInTheLogFilesOfTheirHour() {
			Map<String, Creator> creators = source(orgTrail()).findCreators(account(PROD), users(PROD), reportDate);

			assertThat(creator(creators, "old-user")).isEqualTo("carol (IAMUser, org-trail)");
			assertThat(creators.get(user(PROD, "old-user").userId()).eventTime())
				.isEqualTo(user(PROD, "old-user").createdAt());
			assertThat(creator(creators, "old-not-in-trail"))
				.isEqualTo("unknown: before CloudTrail retention, not in the organization trail");
			assertThat(creator(creators, "alice")).isEqualTo("bob (IAMUser, cloudtrail)");
		}

		@Test
		void listsOnlyTheExactHourPrefixesOfTheAccount() {
			source(orgTrail()).findCreators(account(PROD), users(PROD), reportDate);

			assertThat(this.listedPrefixes).isNotEmpty()
				.allSatisfy(prefix -> assertThat(prefix).matches("audit/AWSLogs/" + FakeOrganization.ORGANIZATION_ID
						+ "/" + PROD + "/CloudTrail/us-east-1/\\d{4}/\\d{2}/\\d{2}/" + PROD
						+ "_CloudTrail_us-east-1_\\d{8}T\\d{2}"));
			// no-event (recent, not found by CloudTrail) and the two older users: at most
			// three hours each
			assertThat(this.listedPrefixes).hasSizeLessThanOrEqualTo(9).doesNotHaveDuplicates();
		}

		@Test
		void findsUsersOfAnAccountWhoseRoleIsDenied() {
			organization.account(DENIED, "denied")
				.user("old-in-denied")
				.createdDaysAgo(300)
				.createdBy(FakeCreator.root());
			trail.write("org-trail", "audit/", organization);

			CreatorsIncompleteException incomplete = catchThrowableOfType(CreatorsIncompleteException.class,
					() -> source(orgTrail()).findCreators(account(DENIED), users(DENIED), reportDate));

			assertThat(incomplete.getMessage()).startsWith("cannot assume arn:aws:iam::" + DENIED)
				.endsWith("; creators looked up in the organization trail instead");
			assertThat(incomplete.creators().get(user(DENIED, "old-in-denied").userId()).principal()).isEqualTo("root");
		}

		@Test
		void saysWhenTheCreationHourHasNoLogFileAtAll(CapturedOutput output) {
			OrgTrailReader wrongPrefix = orgTrail("org-trail", "not-the-prefix");

			Map<String, Creator> creators = source(wrongPrefix).findCreators(account(PROD), users(PROD), reportDate);

			assertThat(creator(creators, "old-user"))
				.isEqualTo("unknown: before CloudTrail retention, no organization trail log file of its creation");
			assertThat(creator(creators, "alice")).isEqualTo("bob (IAMUser, cloudtrail)");
			assertThat(output)
				.containsOnlyOnce("No organization trail log file under s3://org-trail/not-the-prefix/AWSLogs/"
						+ FakeOrganization.ORGANIZATION_ID + "/")
				.contains("check audit.aws.cloudtrail.org-trail-prefix");
		}

		@Test
		void saysWhyWhenTheBucketCannotBeRead() {
			OrgTrailReader missing = orgTrail("no-such-bucket", "");

			Map<String, Creator> creators = source(missing).findCreators(account(PROD), users(PROD), reportDate);

			assertThat(creator(creators, "old-user"))
				.isEqualTo("unknown: organization trail not readable (NoSuchBucket)");
			assertThat(creator(creators, "alice")).isEqualTo("bob (IAMUser, cloudtrail)");
		}

		private OrgTrailReader orgTrail() {
			return orgTrail("org-trail", "audit");
		}

		private OrgTrailReader orgTrail(String bucket, String prefix) {
			return new OrgTrailReader(recordingS3(), bucket, prefix, FakeOrganization.ORGANIZATION_ID, parser,
					JsonMapper.builder().build());
		}

		/** The application's S3 client, recording the prefixes it lists. */
		private S3Client recordingS3() {
			S3Client s3 = clients.get(S3Client.class);
			return (S3Client) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { S3Client.class },
					(proxy, method, arguments) -> {
						if (arguments != null && arguments.length == 1
								&& arguments[0] instanceof ListObjectsV2Request list) {
							this.listedPrefixes.add(list.prefix());
						}
						try {
							return method.invoke(s3, arguments);
						}
						catch (java.lang.reflect.InvocationTargetException ex) {
							throw ex.getCause();
						}
					});
		}

	}

	private CloudTrailCreatorSource source(OrgTrailReader orgTrail) {
		return new CloudTrailCreatorSource(clients.get(CloudTrailClient.class), this.credentials, this.parser,
				new AccountRateLimiter(2), orgTrail, Clock.systemUTC());
	}

	private MemberAccount account(String id) {
		return new MemberAccount(id, this.organization.findAccount(id).orElseThrow().name());
	}

	private FakeUser user(String accountId, String name) {
		return this.organization.users()
			.stream()
			.filter(user -> user.accountId().equals(accountId) && user.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private List<IamUser> users(String accountId) {
		return this.organization.findAccount(accountId)
			.orElseThrow()
			.users()
			.stream()
			.map(user -> new IamUser(accountId, user.userId(), user.name(), user.arn(), "/", user.createdAt(),
					List.of(), List.of(), List.of(), List.of(), List.of("us-east-1")))
			.toList();
	}

	/** The creator found for a user of the {@code PROD} account. */
	private String creator(Map<String, Creator> creators, String userName) {
		return creator(creators, PROD, userName);
	}

	private String creator(Map<String, Creator> creators, String accountId, String userName) {
		Creator creator = creators.get(user(accountId, userName).userId());
		return creator.known() ? "%s (%s, %s)".formatted(creator.principal(), creator.type().label(), creator.source())
				: creator.typeLabel();
	}

}
