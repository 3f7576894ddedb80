package io.iamuseraudit.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.report.ReportSummaries;
import io.iamuseraudit.report.ReportSummary.TrendPoint;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consecutive audits over an organization that changes between them: users added,
 * removed, re-created, an owner changed, a finding fixed; an older date audited late; old
 * audits purged.
 */
@SpringBatchTest
@SpringBootTest(properties = "audit.history.retention=20d")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuditHistoryIntegrationTests {

	private static final Path directory = TestDirectories.create("history");

	private static final Path organization = copyOfTheSample();

	private static final String PLATFORM = "104857600123";

	private static final String BILLING = "141421356237";

	private static final String PAYMENTS = "271828182845";

	private final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private JobOperatorTestUtils jobs;

	@Autowired
	private AuditRuns runs;

	@Autowired
	private ReportSummaries summaries;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDirectories.useFor(registry, directory);
		registry.add("audit.sample.location", organization::toString);
	}

	private static Path copyOfTheSample() {
		Path copy = directory.resolve("organization");
		try {
			FileSystemUtils.copyRecursively(Path.of("jobs/sample-organization"), copy);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return copy;
	}

	@AfterAll
	void deleteFiles() {
		TestDirectories.delete(directory);
	}

	@Test
	@Order(1)
	void firstAuditIsTheBaseline() throws Exception {
		assertThat(audit("2026-11-10")).isEqualTo(BatchStatus.COMPLETED);

		assertThat(csv("2026-11-10")).hasSize(300).allMatch(row -> row.get("change").isEmpty());
		assertThat(pdfText("2026-11-10")).contains("Baseline", "First audit in the history");
		assertThat(this.runs.find(LocalDate.of(2026, 11, 10)).orElseThrow().previousReportDate()).isNull();
	}

	@Test
	@Order(2)
	void secondAuditSaysWhatChanged() throws Exception {
		String removed = userId(PLATFORM, "test");
		String recreatedBefore = userId(BILLING, "admin2");
		removeUser(PLATFORM, "test");
		recreateUser(BILLING, "admin2", "AIDANEWADMIN2RECREATE");
		addUser(PAYMENTS, "j.okafor", "new.joiner", "AIDANEWJOINER00000001");
		changeOwner(PLATFORM, "admin.bob", "Alice Martin");
		enableMfa(PAYMENTS, "j.okafor");

		assertThat(audit("2026-11-24")).isEqualTo(BatchStatus.COMPLETED);

		Map<String, CSVRecord> rows = byUserId(csv("2026-11-24"));
		assertThat(rows.get(removed).get("change")).isEqualTo("REMOVED");
		assertThat(rows.get(removed).get("user_name")).isEqualTo("test");
		assertThat(rows.get(removed).get("creator_type")).isNotEmpty();
		assertThat(rows.get(removed).get("findings_resolved")).isEqualTo(rows.get(removed).get("findings"));
		assertThat(rows.get(recreatedBefore).get("change")).isEqualTo("REMOVED");
		assertThat(rows.get("AIDANEWADMIN2RECREATE").get("change")).isEqualTo("NEW");
		assertThat(rows.get("AIDANEWADMIN2RECREATE").get("user_name")).isEqualTo("admin2");
		assertThat(rows.get("AIDANEWJOINER00000001").get("change")).isEqualTo("NEW");
		CSVRecord bob = rows.get(userId(PLATFORM, "admin.bob"));
		assertThat(bob.get("change")).isEqualTo("CHANGED");
		assertThat(bob.get("change_detail")).isEqualTo("owner: Bob Adeyemi → Alice Martin");
		CSVRecord okafor = rows.get(userId(PAYMENTS, "j.okafor"));
		assertThat(okafor.get("change")).isEqualTo("UNCHANGED");
		assertThat(okafor.get("findings")).doesNotContain("CONSOLE_WITHOUT_MFA");
		assertThat(okafor.get("findings_resolved")).isEqualTo("CONSOLE_WITHOUT_MFA");
		assertThat(rows.values()
			.stream()
			.map(row -> row.get("change"))
			.collect(Collectors.groupingBy(c -> c, Collectors.counting()))).containsEntry("NEW", 2L)
			.containsEntry("REMOVED", 2L)
			.containsEntry("CHANGED", 1L)
			.containsEntry("UNCHANGED", 297L);

		String firstPage = pdfFirstPage("2026-11-24");
		assertThat(firstPage).contains("Since the audit of 2026-11-10", "Users: +2 new, −2 removed, 1 changed",
				"+2 / −2");
		assertThat(firstPage).containsPattern("Findings: \\+\\d+ new, −\\d+ resolved");
		assertThat(pdfText("2026-11-24")).contains("Changes since the audit of 2026-11-10", "new.joiner",
				"owner: Bob Adeyemi → Alice Martin");
		assertThat(this.summaries.of(LocalDate.of(2026, 11, 24)).trend()).extracting(TrendPoint::reportDate)
			.containsExactly("2026-11-10", "2026-11-24");
	}

	@Test
	@Order(3)
	void anOlderDateAuditedLateComparesWithTheAuditBeforeIt() throws Exception {
		assertThat(audit("2026-11-17")).isEqualTo(BatchStatus.COMPLETED);

		assertThat(this.runs.find(LocalDate.of(2026, 11, 17)).orElseThrow().previousReportDate())
			.isEqualTo(LocalDate.of(2026, 11, 10));
	}

	@Test
	@Order(4)
	void thirdAuditOfUnchangedDataChangesNothingAndPurgesOldAudits() throws Exception {
		assertThat(audit("2026-12-08")).isEqualTo(BatchStatus.COMPLETED);

		List<CSVRecord> rows = csv("2026-12-08");
		assertThat(rows).hasSize(300).allMatch(row -> row.get("change").equals("UNCHANGED"));
		assertThat(this.runs.find(LocalDate.of(2026, 12, 8)).orElseThrow().previousReportDate())
			.isEqualTo(LocalDate.of(2026, 11, 24));
		assertThat(pdfText("2026-12-08")).contains("Users: +0 new, −0 removed, 0 changed");
		assertThat(this.summaries.of(LocalDate.of(2026, 12, 8)).trend()).extracting(TrendPoint::reportDate)
			.containsExactly("2026-11-24", "2026-12-08");
		assertThat(this.runs.recent(10)).extracting(AuditRun::reportDate)
			.containsExactly(LocalDate.of(2026, 12, 8), LocalDate.of(2026, 11, 24));
		assertThat(directory.resolve("out/archive/iam-user-audit/2026/11/10/2026-11-10/manifest.json")).exists();
	}

	/**
	 * Not a {@code JobExecution}: Spring Batch's test listeners would call such a method
	 * themselves.
	 */
	private BatchStatus audit(String reportDate) throws Exception {
		return this.jobs
			.startJob(new JobParametersBuilder().addLocalDate("reportDate", LocalDate.parse(reportDate))
				.toJobParameters())
			.getStatus();
	}

	private List<CSVRecord> csv(String reportDate) throws IOException {
		return AuditFiles.csv(directory.resolve("out/iam-user-audit-" + reportDate + ".csv"));
	}

	private String pdfText(String reportDate) throws IOException {
		return AuditFiles.pdfText(directory.resolve("out/iam-user-audit-" + reportDate + ".pdf"));
	}

	private String pdfFirstPage(String reportDate) throws IOException {
		String text = pdfText(reportDate);
		return text.substring(0, text.indexOf("Page 1 of"));
	}

	private static Map<String, CSVRecord> byUserId(List<CSVRecord> rows) {
		return rows.stream().collect(Collectors.toMap(row -> row.get("user_id"), row -> row));
	}

	private String userId(String accountId, String userName) throws IOException {
		return rows().stream()
			.filter(row -> row.path("accountId").asString().equals(accountId)
					&& row.path("resourceName").asString().equals(userName))
			.map(row -> row.path("resourceId").asString())
			.findFirst()
			.orElseThrow();
	}

	private void removeUser(String accountId, String userName) throws IOException {
		writeRows(rows().stream().filter(row -> !isUser(row, accountId, userName)).toList());
	}

	private void recreateUser(String accountId, String userName, String newId) throws IOException {
		editUser(accountId, userName, (row) -> row.put("resourceId", newId));
	}

	private void addUser(String accountId, String templateUser, String userName, String userId) throws IOException {
		List<ObjectNode> rows = new ArrayList<>(rows());
		ObjectNode template = rows.stream()
			.filter(row -> isUser(row, accountId, templateUser))
			.findFirst()
			.orElseThrow();
		ObjectNode copy = template.deepCopy();
		copy.put("resourceName", userName);
		copy.put("resourceId", userId);
		copy.put("arn", "arn:aws:iam::" + accountId + ":user/" + userName);
		// Among its account's rows, as the query (ORDER BY accountId) returns them.
		rows.add(rows.indexOf(template) + 1, copy);
		writeRows(rows);
	}

	private void changeOwner(String accountId, String userName, String owner) throws IOException {
		editUser(accountId, userName, (row) -> {
			row.withArray("tags").values().forEach(tag -> {
				if (tag.path("key").asString().equalsIgnoreCase("owner")) {
					((ObjectNode) tag).put("value", owner);
				}
			});
			return row;
		});
	}

	private void enableMfa(String accountId, String userName) throws IOException {
		Path report = organization.resolve("credential-reports/" + accountId + ".csv");
		List<String> lines = Files.readAllLines(report, StandardCharsets.UTF_8);
		int mfa = List.of(lines.get(0).split(",")).indexOf("mfa_active");
		List<String> edited = lines.stream().map(line -> {
			String[] cells = line.split(",", -1);
			if (cells[0].equals(userName)) {
				cells[mfa] = "true";
			}
			return String.join(",", cells);
		}).toList();
		Files.write(report, edited, StandardCharsets.UTF_8);
	}

	private void editUser(String accountId, String userName, UnaryOperator<ObjectNode> edit) throws IOException {
		writeRows(rows().stream().map(row -> isUser(row, accountId, userName) ? edit.apply(row) : row).toList());
	}

	private static boolean isUser(ObjectNode row, String accountId, String userName) {
		return row.path("accountId").asString().equals(accountId)
				&& row.path("resourceName").asString().equals(userName);
	}

	private List<ObjectNode> rows() throws IOException {
		return Files.readAllLines(inventory(), StandardCharsets.UTF_8)
			.stream()
			.filter(line -> !line.isBlank())
			.map(line -> (ObjectNode) this.json.readTree(line))
			.toList();
	}

	private void writeRows(List<ObjectNode> rows) throws IOException {
		Files.write(inventory(), rows.stream().map(this.json::writeValueAsString).toList(), StandardCharsets.UTF_8);
	}

	private static Path inventory() {
		return organization.resolve("config-query-results.jsonl");
	}

}
