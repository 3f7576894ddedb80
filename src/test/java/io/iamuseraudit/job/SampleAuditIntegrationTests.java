package io.iamuseraudit.job;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.delivery.Sha256;
import io.iamuseraudit.report.CsvReport;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole job on its embedded default: the bundled sample organization, H2, local
 * folders.
 */
@SpringBatchTest
@SpringBootTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SampleAuditIntegrationTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final Path directory = TestDirectories.create("sample-audit");

	@Autowired
	private JobOperatorTestUtils jobs;

	private JobExecution execution;

	private Path out;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDirectories.useFor(registry, directory);
	}

	@AfterAll
	void deleteFiles() {
		TestDirectories.delete(directory);
	}

	@BeforeAll
	void runAudit() throws Exception {
		this.out = directory.resolve("out");
		this.execution = this.jobs
			.startJob(new JobParametersBuilder().addLocalDate("reportDate", REPORT_DATE).toJobParameters());
	}

	@Test
	void completesWithoutWarnings() {
		assertThat(this.execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(AuditCommandRunner.exitCode(this.execution)).isEqualTo(AuditExitCode.COMPLETED);
		assertThat(this.execution.getStepExecutions()).extracting("stepName")
			.containsExactly("collectUsers", "enrichUsers", "compareWithPrevious", "renderReports", "archiveReports",
					"emailReport", "purgeHistory");
	}

	@Test
	void csvHasTheContractColumnsFirst() throws Exception {
		List<String> header = AuditFiles.csvHeader(csv());

		assertThat(header.subList(0, 20)).containsExactly("account_id", "account_name", "user_name", "user_id", "arn",
				"path", "created_at", "owner", "owner_source", "creator", "creator_type", "password_enabled",
				"password_last_used", "mfa_active", "access_key_1_last_used", "access_key_2_last_used", "last_activity",
				"days_inactive", "findings", "change");
		assertThat(header).isEqualTo(CsvReport.COLUMNS);
	}

	@Test
	void csvListsEveryLiveUserOnce() throws Exception {
		List<CSVRecord> rows = AuditFiles.csv(csv());
		Set<String> users = new HashSet<>();
		rows.forEach(row -> users.add(row.get("account_id") + "/" + row.get("user_id")));

		// 311 rows in the sample: 300 live users, 6 repeated by a second region, 5
		// deleted.
		assertThat(rows).hasSize(300);
		assertThat(users).hasSize(300);
		assertThat(rows).noneMatch(row -> row.toList().contains("null"));
		assertThat(rows).allMatch(row -> row.get("created_at").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
	}

	@Test
	void csvNeutralisesFormulasAndKeepsUnicode() throws Exception {
		assertThat(user("legacy-billing", "test").get("owner")).isEqualTo("'=1+2");
		assertThat(user("platform-prod", "svc-jenkins").get("owner")).isEqualTo("'@platform-team");
		assertThat(user("legacy-billing", "backup-agent").get("owner")).isEqualTo("'-ops-team");
		assertThat(user("payments-prod", "svc-twilio-sms").get("owner")).isEqualTo("'+441234567");
		assertThat(user("platform-prod", "zoe.angstrom").get("owner")).isEqualTo("Zoë Ångström");
		assertThat(user("data-lake", "li.lei").get("owner")).isEqualTo("李雷");
		assertThat(user("data-lake", "li.lei").get("owner_source")).isEqualTo("tag:owner");
	}

	@Test
	void csvAttributesCreatorsOfEveryKind() throws Exception {
		assertThat(creator("platform-prod", "svc-jenkins")).containsExactly("admin.bob", "IAMUser");
		assertThat(creator("platform-prod", "p.lindqvist")).containsExactly("zoe.angstrom@example.com", "AssumedRole");
		assertThat(creator("ml-research", "svc-mlflow")).containsExactly("terraform-ci/GitHubActions-12827070818",
				"AssumedRole");
		assertThat(creator("platform-prod", "build-cache-stack-ArtifactUser-Q2W8E4R6T1Y3"))
			.containsExactly("cloudformation.amazonaws.com", "AWSService");
		assertThat(creator("marketing-web", "svc-wordpress")).containsExactly("root", "Root");
		assertThat(creator("ml-research", "sagemaker-notebooks").get(1)).isEqualTo("IdentityCenterUser");
		assertThat(creator("platform-prod", "svc-feature-flags")).containsExactly("",
				"unknown: no CreateUser event found");
		assertThat(creator("platform-prod", "zoe.angstrom")).containsExactly("",
				"unknown: before CloudTrail retention");
	}

	@Test
	void csvRecreatedUserIsAttributedToItsOwnCreation() throws Exception {
		// temp-contractor was deleted and created again: the old CreateUser event names
		// another user id.
		assertThat(creator("platform-prod", "temp-contractor")).containsExactly("jane.doe@example.com", "AssumedRole");
	}

	@Test
	void csvCountsInactivityFromTheLastActivity() throws Exception {
		assertThat(user("platform-prod", "k.nakamura").get("days_inactive")).isEqualTo("89");
		assertThat(user("platform-prod", "k.nakamura").get("findings")).doesNotContain("INACTIVE");
		assertThat(user("data-lake", "svc-report-export").get("days_inactive")).isEqualTo("90");
		assertThat(user("data-lake", "svc-report-export").get("findings")).contains("INACTIVE");
		assertThat(user("payments-prod", "m.rossi").get("findings")).contains("INACTIVE");
		assertThat(user("platform-prod", "grafana-cloudwatch").get("findings"))
			.doesNotContain("ACCESS_KEY_NOT_ROTATED");
		assertThat(user("legacy-billing", "admin2").get("findings")).contains("CONSOLE_WITHOUT_MFA", "ADMIN_ACCESS");
	}

	@Test
	void csvShowsUsersMissingFromTheCredentialReport() throws Exception {
		CSVRecord user = user("platform-prod", "p.lindqvist");

		assertThat(user.get("password_enabled")).isEmpty();
		assertThat(user.get("days_inactive")).isEmpty();
		assertThat(user.get("notes")).contains("not in the credential report generated 2026-11-24T05:00:00Z");
	}

	@Test
	void pdfRendersNamesInEveryScriptAndSaysItIsSample() throws Exception {
		Path pdf = this.out.resolve("iam-user-audit-2026-11-24.pdf");
		String text = AuditFiles.pdfText(pdf);
		int pages = AuditFiles.pdfPages(pdf);

		assertThat(text).contains("IAM user audit", "2026-11-24", "SAMPLE DATA", "What to fix first",
				"High-severity users: whom to contact", "CONSOLE_WITHOUT_MFA", "platform-prod · 104857600123");
		assertThat(text).contains("Zoë Ångström", "李雷", "Дмитрий Иванов", "Łukasz Żółć");
		assertThat(text).contains("Page 1 of " + pages, "Page " + pages + " of " + pages);
		assertThat(text).contains("sample organization (jobs/sample-organization)");
	}

	@Test
	void emailAttachesTheReportsIntact() throws Exception {
		List<Path> emails = Files.list(this.out.resolve("outbox")).toList();
		assertThat(emails).hasSize(1);
		MimeMessage message = AuditFiles.email(emails.get(0));

		assertThat(message.getSubject())
			.isEqualTo("[SAMPLE] IAM user audit 2026-11-24: 300 users, 22 high findings, baseline audit");
		Map<String, byte[]> attachments = AuditFiles.attachments(message);
		assertThat(attachments).containsOnlyKeys("iam-user-audit-2026-11-24.pdf", "iam-user-audit-2026-11-24.csv");
		assertThat(attachments.get("iam-user-audit-2026-11-24.pdf"))
			.isEqualTo(Files.readAllBytes(this.out.resolve("iam-user-audit-2026-11-24.pdf")));
		assertThat(attachments.get("iam-user-audit-2026-11-24.csv")).isEqualTo(Files.readAllBytes(csv()));
		assertThat(AuditFiles.text(message, "text/html")).contains("<b>300</b>", "Sample data");
		assertThat(AuditFiles.text(message, "text/plain")).contains("IAM users: 300");
	}

	@Test
	void manifestChecksumsEveryArchivedObject() throws Exception {
		Path archive = this.out.resolve("archive/iam-user-audit/2026/11/24/2026-11-24");
		JsonNode manifest = JsonMapper.builder().build().readTree(archive.resolve("manifest.json").toFile());

		assertThat(manifest.path("reportDate").asString()).isEqualTo("2026-11-24");
		assertThat(manifest.path("source").asString()).isEqualTo("SAMPLE");
		assertThat(manifest.path("jobExecutionId").asLong()).isEqualTo(this.execution.getId());
		assertThat(manifest.path("counts").path("users").asInt()).isEqualTo(300);
		List<JsonNode> objects = manifest.path("objects").values().stream().toList();
		assertThat(objects).extracting(object -> object.path("key").asString())
			.containsExactly("iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24.pdf",
					"iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24.csv",
					"iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24-users.jsonl.gz");
		for (JsonNode object : objects) {
			Path archived = this.out.resolve("archive").resolve(object.path("key").asString());
			assertThat(Sha256.of(archived)).isEqualTo(object.path("sha256").asString());
			assertThat(Files.size(archived)).isEqualTo(object.path("size").asLong());
		}
	}

	@Test
	void evidenceHoldsEveryUserWithItsEnrichment() throws Exception {
		Path evidence = this.out
			.resolve("archive/iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24-users.jsonl.gz");
		JsonMapper json = JsonMapper.builder().build();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(evidence)), StandardCharsets.UTF_8))) {
			List<JsonNode> users = reader.lines().map(json::readTree).toList();

			assertThat(users).hasSize(300);
			assertThat(users).allMatch(user -> user.path("user").path("userId").asString().startsWith("AIDA"));
			assertThat(users.stream()
				.map(user -> user.path("creator").path("type").asString())
				.collect(Collectors.toSet())).contains("IAM_USER", "ASSUMED_ROLE", "ROOT", "AWS_SERVICE", "UNKNOWN");
		}
	}

	private Path csv() {
		return this.out.resolve("iam-user-audit-2026-11-24.csv");
	}

	private CSVRecord user(String accountName, String userName) throws Exception {
		try (Stream<CSVRecord> rows = AuditFiles.csv(csv()).stream()) {
			return rows
				.filter(row -> row.get("account_name").equals(accountName) && row.get("user_name").equals(userName))
				.findFirst()
				.orElseThrow();
		}
	}

	private List<String> creator(String accountName, String userName) throws Exception {
		CSVRecord user = user(accountName, userName);
		return List.of(user.get("creator"), user.get("creator_type"));
	}

}
