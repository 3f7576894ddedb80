package io.iamuseraudit.job;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeCreator;
import io.iamuseraudit.fakeaws.FakeOrgTrail;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganization.OrganizationsAccess;
import io.iamuseraudit.fakeaws.FakeUser;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on {@code audit.source=aws} against a local AWS (Config, Organizations,
 * STS, CloudTrail, IAM) and an S3Proxy holding the organization trail: several pages with
 * a throttled one, a user reported by two regions, a deleted user, unreadable rows,
 * Organizations denied, one account whose audit role is denied.
 */
@SpringBootTest(properties = { "audit.command=history", "audit.source=aws",
		"audit.aws.config.aggregator-name=OrgAggregator", "audit.aws.max-attempts=4",
		"audit.aws.cloudtrail.org-trail-bucket=org-trail", "audit.aws.cloudtrail.org-trail-prefix=audit/",
		"audit.aws.cloudtrail.organization-id=" + FakeOrganization.ORGANIZATION_ID, "audit.enrichment.concurrency=4" })
@SpringBatchTest
@DirtiesContext
class AwsAuditJobIntegrationTests {

	static final String PROD = "210000000001";

	static final String DATA = "210000000002";

	static final String DENIED = "210000000003";

	static final FakeOrganization organization = organization();

	@RegisterExtension
	static final FakeAws aws = new FakeAws(organization);

	@TempDir
	static Path temp;

	static FakeOrgTrail trail;

	@Autowired
	JobOperatorTestUtils jobs;

	private final JsonMapper json = JsonMapper.builder().build();

	@DynamicPropertySource
	static void directories(DynamicPropertyRegistry properties) {
		properties.add("spring.datasource.url", () -> "jdbc:h2:file:" + temp.resolve("db/audit"));
		properties.add("audit.output-dir", () -> temp.resolve("out").toString());
	}

	@BeforeAll
	static void startOrgTrail() {
		trail = new FakeOrgTrail().start();
		trail.write("org-trail", "audit/", organization);
	}

	@AfterAll
	static void stopOrgTrail() {
		trail.close();
	}

	@BeforeEach
	void resetFake() {
		aws.organization(organization);
	}

	@Test
	void auditsEveryLiveUserExactlyOnceWithItsCreator() throws Exception {
		LocalDate reportDate = today().minusDays(7);
		aws.failNext("SelectAggregateResourceConfig", 1, 400, "ThrottlingException");

		JobExecution execution = run(reportDate).execution();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.COMPLETED_WITH_WARNINGS);
		assertThat(execution.getExitStatus().getExitDescription())
			.isEqualTo("2 inventory row(s) could not be read; 2 account(s) not fully audited");
		Map<String, CSVRecord> rows = csv(reportDate);
		List<FakeUser> live = organization.users();
		assertThat(rows.keySet()).containsExactlyInAnyOrderElementsOf(
				live.stream().map(user -> user.accountId() + "/" + user.userId()).toList());
		for (FakeUser user : live) {
			CSVRecord row = rows.get(user.accountId() + "/" + user.userId());
			assertThat(row.get("user_name")).isEqualTo(user.name());
			assertThat(row.get("account_name")).as("Organizations denied: ids stand in").isEqualTo(user.accountId());
			assertThat(row.get("creator") + " | " + row.get("creator_type")).as(user.name())
				.isEqualTo(expectedCreator(user));
			boolean reported = user.account().role() == FakeAccount.Role.ASSUMABLE && user.inCredentialReport();
			assertThat(row.get("password_enabled") + " | " + row.get("mfa_active")).as(user.name())
				.isEqualTo(reported ? user.passwordEnabled() + " | " + user.mfaActive() : " | ");
		}
	}

	@Test
	void readsSeveralPagesRetryingTheThrottledOne() throws Exception {
		aws.failNext("SelectAggregateResourceConfig", 1, 400, "ThrottlingException");

		run(today().minusDays(1));

		assertThat(aws.calls("SelectAggregateResourceConfig")).extracting(FakeCall::status)
			.containsExactly(400, 200, 200, 200);
	}

	@Test
	void fillsActivityFromEachAccountsCredentialReport() throws Exception {
		LocalDate reportDate = today();

		run(reportDate);

		Map<String, CSVRecord> rows = csvByName(reportDate);
		CSVRecord alice = rows.get("alice");
		assertThat(alice.get("password_enabled")).isEqualTo("true");
		assertThat(alice.get("mfa_active")).isEqualTo("true");
		assertThat(alice.get("days_inactive")).isIn("0", "1");
		assertThat(alice.get("findings")).isEmpty();
		assertThat(rows.get("ci-bot").get("findings")).isEqualTo("UNUSED_ACCESS_KEY");
		assertThat(rows.get("old-admin").get("findings")).isEqualTo("ADMIN_ACCESS;INACTIVE;NO_OWNER;DIRECT_POLICIES");
		assertThat(rows.get("console-no-mfa").get("findings")).contains("CONSOLE_WITHOUT_MFA", "INACTIVE");
		assertThat(rows.get("not-in-report").get("notes")).startsWith("not in the credential report generated");
		assertThat(rows.get("locked-out").get("notes")).isEqualTo("activity unknown: credential report not available");
		assertThat(rows.get("two-regions").get("user_id")).isNotEmpty();
	}

	@Test
	void reportsWhatCouldNotBeAuditedInThePdf() throws Exception {
		LocalDate reportDate = today().minusDays(3);

		run(reportDate);

		String pdf = pdfText(reportDate);
		assertThat(pdf).contains("Config aggregator data: 3 sources, last aggregated")
			.contains(DENIED + " (" + DENIED + ")")
			.contains("cannot assume arn:aws:iam::" + DENIED + ":role/IamUserAuditRole: access denied")
			.contains("of account " + DATA)
			.contains("invalid JSON")
			.contains("credential report lists 1 user(s) the inventory lacks, not audited (created since the "
					+ "aggregator last synced?): new.hire");
	}

	@Test
	void storesTheApiCallsPerAccountInTheManifest() throws Exception {
		LocalDate reportDate = today().minusDays(4);

		run(reportDate);

		JsonNode manifest = this.json
			.readTree(temp.resolve("out/iam-user-audit-" + reportDate + "-manifest.json").toFile());
		JsonNode byAccount = manifest.path("apiCallsByAccount");
		assertThat(byAccount.path("").path("Config").asInt()).isEqualTo(4);
		assertThat(byAccount.path("").path("Organizations").asInt()).isEqualTo(1);
		assertThat(byAccount.path(DENIED).path("Sts").asInt()).isEqualTo(1);
		assertThat(byAccount.path(DENIED).has("CloudTrail")).isFalse();
		assertThat(byAccount.path(DENIED).has("Iam")).isFalse();
	}

	@Test
	void asksAwsNothingAboutCreatorsFoundByAnEarlierAudit() throws Exception {
		run(today().minusDays(6));
		aws.clearCalls();

		run(today().minusDays(5));

		assertThat(aws.calls("LookupEvents", DATA)).as("every recent creator was found the first time").isEmpty();
		// only the user whose creation left no event is looked for again, from just
		// before its creation
		long noEvent = organization.users()
			.stream()
			.filter(user -> user.name().equals("no-event"))
			.findFirst()
			.orElseThrow()
			.createdAt()
			.getEpochSecond();
		assertThat(aws.calls("LookupEvents", PROD)).singleElement()
			.satisfies(call -> assertThat(call.request()).contains("\"StartTime\":" + (noEvent - 600)));
		assertThat(csvByName(today().minusDays(5)).get("alice").get("creator")).isEqualTo("bob");
	}

	@Test
	void flagsAggregatorSourcesThatAreNotFresh() throws Exception {
		LocalDate reportDate = today().minusDays(8);
		organization.sourceStatus(PROD, "us-east-1", "SUCCEEDED", organization.now().minusSeconds(600))
			.sourceStatus(DATA, "us-east-1", "OUTDATED", organization.now().minusSeconds(86_400 * 3));
		try {
			JobExecution execution = run(reportDate).execution();

			assertThat(execution.getExitStatus().getExitDescription())
				.contains("1 Config aggregator source(s) FAILED or OUTDATED: their users may be missing or stale");
			assertThat(pdfText(reportDate)).contains("Config aggregator data: 2 sources, last aggregated")
				.contains("NOT FRESH: 0 FAILED, 1 OUTDATED")
				.contains("Config aggregator source " + DATA)
				.contains("OUTDATED, last aggregated");
		}
		finally {
			organization.clearSourceStatuses();
		}
	}

	@Nested
	class Errors {

		@Test
		void anUnknownAggregatorEndsTheRunAsInvalidConfiguration() throws Exception {
			organization.aggregatorName("SomeOtherAggregator");
			try {
				JobExecution execution = run(today().minusDays(10)).execution();

				assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
				assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.INVALID);
				assertThat(execution.getAllFailureExceptions()).singleElement()
					.satisfies(failure -> assertThat(Failures.reason(failure))
						.contains("AWS Config aggregator OrgAggregator in us-east-1 does not exist"));
			}
			finally {
				organization.aggregatorName("OrgAggregator");
			}
		}

		@Test
		void aQueryConfigRefusesEndsTheRunAsInvalidConfigurationNamingTheFile() throws Exception {
			aws.failNext("SelectAggregateResourceConfig", 1, 400, "InvalidExpressionException");

			JobExecution execution = run(today().minusDays(11)).execution();

			assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.INVALID);
			assertThat(execution.getAllFailureExceptions()).singleElement()
				.satisfies(failure -> assertThat(Failures.reason(failure))
					.startsWith("AWS Config refused the inventory query jobs/iam-users.sql"));
		}

		@Test
		void anOutageFailsTheRunForARestart() throws Exception {
			aws.failNext("SelectAggregateResourceConfig", 4, 503, "ServiceUnavailable");

			JobExecution execution = run(today().minusDays(12)).execution();

			assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.FAILED);
		}

	}

	/**
	 * One member account cannot be fully read, in each way but the denied role (the
	 * account {@code sandbox} of every test): the other accounts are complete, the
	 * account's users are all there with the reason, and the run ends with warnings.
	 */
	@Nested
	class UnreachableMemberAccount {

		@Test
		void cloudTrailDeniedIsReportedEvenWhenTheOrganizationTrailIsRead() throws Exception {
			LocalDate reportDate = today().minusDays(20);
			aws.failAlways("LookupEvents", PROD, 400, "AccessDeniedException");

			JobExecution execution = run(reportDate).execution();

			assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.COMPLETED_WITH_WARNINGS);
			Map<String, CSVRecord> rows = csvByName(reportDate);
			assertThat(rows.get("no-event").get("creator_type")).isEqualTo("unknown: account not accessible");
			assertThat(rows.get("alice").get("mfa_active")).as("the credential report was still read")
				.isEqualTo("true");
			assertThat(rows.get("analyst-0").get("creator")).isEqualTo("person0@example.com");
			assertThat(rows.get("analyst-0").get("mfa_active")).isEqualTo("false");
			assertThat(rows).hasSize(organization.users().size());
			assertThat(pdfText(reportDate)).contains(PROD + " (" + PROD + ") creators: CloudTrail LookupEvents failed: "
					+ "AccessDeniedException: injected AccessDeniedException (the audit role needs "
					+ "cloudtrail:LookupEvents); creators looked up in the organization trail instead");
		}

		@Test
		void aCredentialReportThatKeepsFailingLeavesActivityUnknownWithTheReason() throws Exception {
			LocalDate reportDate = today().minusDays(21);
			aws.failAlways("GetCredentialReport", DATA, 500, "ServiceFailure");

			JobExecution execution = run(reportDate).execution();

			assertThat(execution.getExitStatus().getExitDescription())
				.isEqualTo("2 inventory row(s) could not be read; 3 account(s) not fully audited");
			assertThat(aws.calls("GetCredentialReport", DATA)).as("retried by the SDK: audit.aws.max-attempts")
				.hasSize(4);
			Map<String, CSVRecord> rows = csvByName(reportDate);
			for (int i = 0; i < 40; i++) {
				CSVRecord analyst = rows.get("analyst-" + i);
				assertThat(analyst.get("notes")).isEqualTo("activity unknown: credential report not available");
				assertThat(analyst.get("creator")).isEqualTo("person" + i + "@example.com");
			}
			assertThat(rows.get("alice").get("mfa_active")).isEqualTo("true");
			assertThat(pdfText(reportDate))
				.contains(DATA + " (" + DATA + ") credential report: ServiceFailure: " + "injected ServiceFailure");
		}

		@Test
		void aDeniedCredentialReportNamesThePermissions() throws Exception {
			LocalDate reportDate = today().minusDays(22);
			aws.failAlways("GenerateCredentialReport", DATA, 403, "AccessDenied");
			aws.failAlways("GetCredentialReport", DATA, 403, "AccessDenied");

			JobExecution execution = run(reportDate).execution();

			assertThat(AuditCommandRunner.exitCode(execution)).isEqualTo(AuditExitCode.COMPLETED_WITH_WARNINGS);
			assertThat(csvByName(reportDate).get("analyst-7").get("notes"))
				.isEqualTo("activity unknown: credential report not available");
			assertThat(pdfText(reportDate).replace(" ", "")).as("the PDF wraps long problems")
				.contains((DATA + " (" + DATA + ") credential report: AccessDenied: "
						+ "injected AccessDenied (the audit role needs iam:GenerateCredentialReport and "
						+ "iam:GetCredentialReport)")
					.replace(" ", ""));
		}

	}

	private Audits.Started run(LocalDate reportDate) throws Exception {
		return new Audits.Started(Audits.run(this.jobs, reportDate));
	}

	/**
	 * Starts audits. Apart from the test class, whose methods returning a
	 * {@link JobExecution} {@code @SpringBatchTest} would take for scope factories.
	 */
	private static final class Audits {

		record Started(JobExecution execution) {
		}

		static JobExecution run(JobOperatorTestUtils jobs, LocalDate reportDate) throws Exception {
			return jobs.startJob(new JobParametersBuilder().addLocalDate("reportDate", reportDate).toJobParameters());
		}

	}

	private static LocalDate today() {
		return LocalDate.now(ZoneOffset.UTC);
	}

	/** What the CSV's creator and creator_type must say of a user. */
	static String expectedCreator(FakeUser user) {
		boolean recent = user.createdAt().isAfter(Instant.now().minusSeconds(90L * 86_400));
		FakeCreator creator = user.creator();
		boolean accessible = user.account().role() == FakeAccount.Role.ASSUMABLE;
		if (creator != null && ((recent && accessible) || user.inOrgTrail())) {
			return creator.principal() + " | " + creator.type();
		}
		if (recent) {
			return " | unknown: " + (accessible ? "no CreateUser event found" : "account not accessible");
		}
		return " | unknown: before CloudTrail retention, not in the organization trail";
	}

	private Map<String, CSVRecord> csv(LocalDate reportDate) throws IOException {
		return records(reportDate, row -> row.get("account_id") + "/" + row.get("user_id"));
	}

	private Map<String, CSVRecord> csvByName(LocalDate reportDate) throws IOException {
		return records(reportDate, row -> row.get("user_name"));
	}

	private Map<String, CSVRecord> records(LocalDate reportDate, Function<CSVRecord, String> key) throws IOException {
		try (Reader reader = Files.newBufferedReader(temp.resolve("out/iam-user-audit-" + reportDate + ".csv"))) {
			List<CSVRecord> records = CSVFormat.RFC4180.builder()
				.setHeader()
				.setSkipHeaderRecord(true)
				.get()
				.parse(reader)
				.getRecords();
			Map<String, CSVRecord> byKey = new HashMap<>();
			for (CSVRecord record : records) {
				assertThat(byKey.put(key.apply(record), record)).as("once: " + key.apply(record)).isNull();
			}
			return byKey;
		}
	}

	private static String pdfText(LocalDate reportDate) throws IOException {
		try (var document = Loader.loadPDF(temp.resolve("out/iam-user-audit-" + reportDate + ".pdf").toFile())) {
			return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
		}
	}

	private static FakeOrganization organization() {
		FakeOrganization organization = new FakeOrganization();
		Instant now = organization.now();
		organization.organizationsAccess(OrganizationsAccess.DENIED);
		FakeAccount prod = organization.account(PROD, "platform-prod");
		prod.user("alice")
			.createdDaysAgo(10)
			.createdBy(FakeCreator.iamUser("bob"))
			.tag("owner", "Alice")
			.password(true, now.minusSeconds(3_600))
			.mfa(true);
		prod.user("ci-bot")
			.createdDaysAgo(20)
			.createdBy(FakeCreator.cloudFormation("deploy-role"))
			.tag("team", "ci")
			.accessKey(1, true, now.minusSeconds(86_400 * 20), null);
		prod.user("no-event").createdDaysAgo(30).tag("owner", "x");
		prod.user("old-admin")
			.createdDaysAgo(400)
			.createdBy(FakeCreator.iamUser("carol"))
			.attachedPolicy("AdministratorAccess");
		prod.user("old-lost").createdDaysAgo(500).createdBy(FakeCreator.root()).inOrgTrail(false).tag("owner", "y");
		prod.user("console-no-mfa")
			.createdDaysAgo(300)
			.createdBy(FakeCreator.root())
			.tag("owner", "z")
			.password(true, now.minusSeconds(86_400 * 120));
		prod.user("two-regions")
			.createdDaysAgo(5)
			.createdBy(FakeCreator.assumedRole("terraform", "apply-42"))
			.alsoRecordedIn("eu-west-1")
			.tag("owner", "w");
		prod.user("not-in-report").createdDaysAgo(2).createdBy(FakeCreator.root()).inCredentialReport(false);
		prod.credentialReportOnlyUser("new.hire");
		for (int i = 0; i < 160; i++) {
			prod.user("bulk-" + i)
				.createdDaysAgo(150 + i)
				.createdBy(FakeCreator.assumedRole("provisioner", "run-" + i))
				.tag("owner", "platform");
		}
		FakeAccount data = organization.account(DATA, "data");
		for (int i = 0; i < 40; i++) {
			data.user("analyst-" + i)
				.createdDaysAgo(1 + i)
				.createdBy(FakeCreator.identityCenter("DataEngineer", "person" + i + "@example.com"))
				.tag("owner", "data");
		}
		FakeAccount denied = organization.account(DENIED, "sandbox").role(FakeAccount.Role.DENIED);
		denied.user("locked-out").createdDaysAgo(3).createdBy(FakeCreator.root());
		denied.user("locked-out-untrailed").createdDaysAgo(4).createdBy(FakeCreator.root()).inOrgTrail(false);
		denied.user("old-in-trail").createdDaysAgo(700).createdBy(FakeCreator.iamUser("erin"));
		organization.deletedUser(PROD, "gone", "AIDAGONE000000000001");
		organization.rawConfigRow("{\"accountId\":\"" + DATA + "\",\"resourceName\":");
		organization.rawConfigRow(
				"{\"accountId\":\"" + DATA + "\",\"resourceName\":\"no-id\",\"configurationItemStatus\":\"OK\"}");
		return organization;
	}

}
