package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.config.model.NoSuchConfigurationAggregatorException;
import software.amazon.awssdk.services.config.model.SelectAggregateResourceConfigResponse;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CredentialReportNotPresentException;
import software.amazon.awssdk.services.iam.model.ReportStateType;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.organizations.model.Account;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The fake answers the SDK's own clients in the protocols they really use: awsQuery for
 * STS and IAM, awsJson1.1 for Config, Organizations and CloudTrail.
 */
class FakeAwsIntegrationTests {

	private static final FakeAws aws = new FakeAws();

	private static final StaticCredentialsProvider ADMIN = StaticCredentialsProvider
		.create(AwsBasicCredentials.create(FakeAws.ADMIN_ACCESS_KEY, FakeAws.ADMIN_SECRET_KEY));

	@BeforeAll
	static void start() {
		aws.start();
	}

	@AfterAll
	static void stop() {
		aws.close();
	}

	@BeforeEach
	void organization() {
		FakeOrganization organization = new FakeOrganization();
		FakeAccount prod = organization.account("111100000001", "prod");
		for (int i = 0; i < 120; i++) {
			prod.user("user-" + i).createdDaysAgo(i).createdBy(FakeCreator.iamUser("admin")).tag("owner", "team-" + i);
		}
		organization.account("111100000002", "denied").role(FakeAccount.Role.DENIED);
		aws.organization(organization);
	}

	@Test
	void stsAndIamSpeakAwsQueryAndSessionKeysIdentifyTheMemberAccount() {
		Credentials session = sts()
			.assumeRole(r -> r.roleArn("arn:aws:iam::111100000001:role/IamUserAuditRole")
				.roleSessionName("iam-user-audit-test"))
			.credentials();
		IamClient iam = IamClient.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(aws.endpoint())
			.credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
					session.secretAccessKey(), session.sessionToken())))
			.build();

		assertThatExceptionOfType(CredentialReportNotPresentException.class).isThrownBy(iam::getCredentialReport);
		assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.STARTED);
		assertThat(iam.generateCredentialReport().state()).isEqualTo(ReportStateType.COMPLETE);
		String csv = iam.getCredentialReport().content().asUtf8String();

		assertThat(csv).startsWith(FakeDocuments.REPORT_HEADER).contains("<root_account>").contains("user-119");
		assertThat(aws.calls()).allSatisfy(call -> assertThat(call.protocol()).isEqualTo("awsQuery"));
		assertThat(aws.calls("GetCredentialReport")).extracting(FakeCall::accountId).containsOnly("111100000001");
		assertThat(aws.calls("GetCredentialReport")).extracting(FakeCall::signingRegion).containsOnly("us-east-1");
	}

	@Test
	void stsDeniesARoleThatDoesNotTrustTheCaller() {
		assertThatExceptionOfType(StsException.class)
			.isThrownBy(() -> sts().assumeRole(r -> r.roleArn("arn:aws:iam::111100000002:role/IamUserAuditRole")
				.roleSessionName("iam-user-audit-test")))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("AccessDenied"))
			.satisfies(ex -> assertThat(ex.statusCode()).isEqualTo(403));
	}

	@Test
	void configPagesProjectedRowsInAwsJson() {
		ConfigClient config = ConfigClient.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(aws.endpoint())
			.credentialsProvider(ADMIN)
			.build();

		SelectAggregateResourceConfigResponse first = config.selectAggregateResourceConfig(r -> r
			.configurationAggregatorName("OrgAggregator")
			.expression(
					"SELECT accountId, resourceName, configuration.createDate, tags WHERE resourceType = 'AWS::IAM::User'")
			.limit(100));
		SelectAggregateResourceConfigResponse second = config.selectAggregateResourceConfig(r -> r
			.configurationAggregatorName("OrgAggregator")
			.expression(
					"SELECT accountId, resourceName, configuration.createDate, tags WHERE resourceType = 'AWS::IAM::User'")
			.limit(100)
			.nextToken(first.nextToken()));

		assertThat(first.results()).hasSize(100);
		assertThat(second.results()).hasSize(20);
		assertThat(second.nextToken()).isNull();
		assertThat(first.results().get(0)).startsWith("{\"accountId\":\"111100000001\",\"resourceName\":\"user-0\",")
			.contains("\"configuration\":{\"createDate\":\"")
			.doesNotContain("resourceId");
		assertThat(first.queryInfo().selectFields()).extracting(field -> field.name())
			.containsExactly("accountId", "resourceName", "configuration.createDate", "tags");
		assertThat(aws.calls()).allSatisfy(call -> assertThat(call.protocol()).isEqualTo("awsJson1.1"));
		assertThatExceptionOfType(NoSuchConfigurationAggregatorException.class).isThrownBy(() -> config
			.selectAggregateResourceConfig(r -> r.configurationAggregatorName("Other").expression("SELECT accountId")));
	}

	@Test
	void cloudTrailThrottlesAThirdRequestWithinASecond() {
		Credentials session = sts()
			.assumeRole(r -> r.roleArn("arn:aws:iam::111100000001:role/IamUserAuditRole")
				.roleSessionName("iam-user-audit-test"))
			.credentials();
		CloudTrailClient cloudTrail = CloudTrailClient.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(aws.endpoint())
			.credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(session.accessKeyId(),
					session.secretAccessKey(), session.sessionToken())))
			.overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
			.build();

		LookupEventsResponse page = cloudTrail
			.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventName").attributeValue("CreateUser"))
				.startTime(Instant.now().minusSeconds(86_400 * 89))
				.maxResults(50));
		cloudTrail.lookupEvents(r -> r.lookupAttributes(a -> a.attributeKey("EventName").attributeValue("CreateUser"))
			.nextToken(page.nextToken()));

		assertThat(page.events()).hasSize(50);
		assertThat(page.events().get(0).cloudTrailEvent()).contains("\"eventName\":\"CreateUser\"");
		assertThatExceptionOfType(software.amazon.awssdk.services.cloudtrail.model.CloudTrailException.class)
			.isThrownBy(() -> cloudTrail.lookupEvents(r -> r.maxResults(50)))
			.satisfies(ex -> assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"))
			.satisfies(ex -> assertThat(ex.isThrottlingException()).isTrue());
	}

	@Test
	void organizationsListsAccountsInPages() {
		FakeOrganization organization = aws.organization();
		for (int i = 3; i <= 45; i++) {
			organization.account("1111000000%02d".formatted(i), "account-" + i);
		}
		OrganizationsClient organizations = OrganizationsClient.builder()
			.region(Region.AWS_GLOBAL)
			.endpointOverride(aws.endpoint())
			.credentialsProvider(ADMIN)
			.build();

		List<Account> accounts = organizations.listAccountsPaginator(r -> r.build())
			.stream()
			.flatMap(page -> page.accounts().stream())
			.toList();

		assertThat(accounts).hasSize(45).extracting(Account::name).contains("prod", "account-45");
		assertThat(aws.calls("ListAccounts")).hasSize(3);
	}

	@Test
	void generatesTheSameLargeOrganizationFromTheSameSeed() {
		Instant now = Instant.parse("2026-11-24T00:00:00Z");

		FakeOrganization first = new FakeOrganizationGenerator(42, now).generate(200, 5_000);
		FakeOrganization second = new FakeOrganizationGenerator(42, now).generate(200, 5_000);

		assertThat(first.users()).hasSize(5_000);
		assertThat(first.users()).extracting(FakeUser::userId).doesNotHaveDuplicates();
		assertThat(first.users()).extracting(FakeUser::name, FakeUser::createdAt)
			.isEqualTo(second.users()
				.stream()
				.map(user -> org.assertj.core.groups.Tuple.tuple(user.name(), user.createdAt()))
				.toList());
		assertThat(first.accounts())
			.anySatisfy(account -> assertThat(account.role).isNotEqualTo(FakeAccount.Role.ASSUMABLE));
	}

	private static StsClient sts() {
		return StsClient.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(aws.endpoint())
			.credentialsProvider(ADMIN)
			.build();
	}

}
