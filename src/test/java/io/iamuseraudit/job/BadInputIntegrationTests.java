package io.iamuseraudit.job;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.IamUserAuditApplication;
import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCreator;
import io.iamuseraudit.fakeaws.FakeDocuments;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeUser;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken data through the whole job on {@code audit.source=aws}: aggregator
 * rows that are not JSON, lack or mistype fields, repeat, carry thousands of tags;
 * control characters, markup, formulas and Unicode (lone surrogates included) in user
 * names, paths, tags, policies and account names; CloudTrail events of an unexpected
 * shape; credential reports with unknown columns, broken dates, truncated rows or no CSV
 * at all. The run completes with warnings that count what was rejected, the CSV parses
 * back with one row per user and no cell a spreadsheet would evaluate, the PDF opens, the
 * email escapes markup, and file names come from the report date only.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadInputIntegrationTests {

	static final String HOSTILE = "HOSTILE";

	static final String NAMES = "210000000011";

	static final String EVENTS = "210000000012";

	static final String REPORT_COLUMNS = "210000000013";

	static final String NOT_CSV = "210000000014";

	private static final LocalDate REPORT_DATE = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	/** Text with a control character, markup, a formula, a lone surrogate and Unicode. */
	private static final String NASTY = "=cmd|' /C calc'!A0 <script>alert(1)</script>\u0000\u0007\u001b[31m\u007f\u0085 "
			+ "\ud800 Zoë 名前 😀 \u202e";

	private static final FakeOrganization organization = organization();

	@RegisterExtension
	static final FakeAws aws = new FakeAws(organization);

	private static Path dir;

	@BeforeAll
	static void directory() {
		dir = TestDirectories.create("bad-input");
	}

	@AfterAll
	static void deleteDirectory() {
		TestDirectories.delete(dir);
	}

	@Test
	void completesWithWarningsAndReadableReportsThatLetNothingThrough(CapturedOutput output) throws Exception {
		int exitCode = SpringApplication.exit(IamUserAuditApplication.application()
			.run("reportDate=" + REPORT_DATE, "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/audit"),
					"--audit.output-dir=" + dir.resolve("out"), "--audit.source=aws",
					"--audit.aws.config.aggregator-name=" + organization.aggregatorName(),
					"--audit.aws.max-attempts=2"));

		assertThat(exitCode).as(output.getOut()).isEqualTo(3);
		assertThat(output).contains("Warning: 6 inventory row(s) could not be read")
			.contains("Warning: 3 account(s) not fully audited")
			.containsPattern("Warning: \\d+ user\\(s\\) with unreadable inventory fields");
		List<CSVRecord> rows = AuditFiles.csv(file(".csv"));
		List<FakeUser> users = organization.users();
		assertThat(rows).as("one row per user, whatever the user's names hold").hasSize(users.size() + 2);
		assertThat(rows.stream().map(row -> row.get("account_id") + "/" + row.get("user_id"))).doesNotHaveDuplicates();
		for (CSVRecord row : rows) {
			assertThat(row.size()).isEqualTo(AuditFiles.csvHeader(file(".csv")).size());
			for (String cell : row.toList()) {
				assertThat(cell).as("a cell a spreadsheet would evaluate").doesNotStartWith("=");
				assertThat(cell).doesNotStartWith("+").doesNotStartWith("-").doesNotStartWith("@");
				assertThat(cell).doesNotStartWith("\t").doesNotStartWith("\r");
				assertThat(cell).as("a control character")
					.doesNotContainPattern("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]");
			}
		}
		String pdf = AuditFiles.pdfText(file(".pdf"));
		assertThat(pdf).contains("Not fully audited")
			.contains("invalid JSON")
			.contains("accountId missing or not a 12-digit account id");
		MimeMessage email = AuditFiles.email(outbox());
		assertThat(AuditFiles.text(email, "text/html")).doesNotContain("<script>").contains("&lt;script&gt;");
		try (Stream<Path> files = Files.list(dir.resolve("out"))) {
			assertThat(files.map(path -> path.getFileName().toString())).as("file names from the report date only")
				.containsExactlyInAnyOrder("iam-user-audit-" + REPORT_DATE + ".csv",
						"iam-user-audit-" + REPORT_DATE + ".pdf", "iam-user-audit-" + REPORT_DATE + "-users.jsonl.gz",
						"iam-user-audit-" + REPORT_DATE + "-manifest.json", "archive", "outbox");
		}
	}

	private static Path file(String suffix) {
		return dir.resolve("out/iam-user-audit-" + REPORT_DATE + suffix);
	}

	private static Path outbox() throws IOException {
		try (Stream<Path> emails = Files.list(dir.resolve("out/outbox"))) {
			return emails.findFirst().orElseThrow();
		}
	}

	private static FakeOrganization organization() {
		FakeOrganization organization = new FakeOrganization();
		FakeAccount names = organization.account(NAMES, "names " + NASTY);
		names.user("plain").tag("owner", NASTY).tag(NASTY, "x").path("/" + NASTY.replace(" ", "") + "/");
		names.user("zoë-名前-😀").tag("owner", "Zoë");
		names.user("tab\tname").tag("owner", "\tteam");
		names.user("line\nbreak").tag("owner", "a\r\nb");
		names.user("quote\"comma,semi;").tag("owner", "\"q\",;");
		names.user("lone\ud800surrogate").tag("owner", "lone\udc00");
		names.user("=1+2").tag("owner", "@team").group("-group").attachedPolicy("+policy").inlinePolicy("=inline");
		FakeUser tagged = names.user("many-tags").tag("owner", "x".repeat(5_000));
		IntStream.range(0, 3_000).forEach(i -> tagged.tag("k" + i, NASTY));
		FakeAccount events = organization.account(EVENTS, "events");
		FakeUser recent = events.user("recent").createdDaysAgo(3).createdBy(FakeCreator.root());
		events.user("recent-no-identity").createdDaysAgo(4);
		events.rawCloudTrailEvent("not json at all {");
		events.rawCloudTrailEvent("{\"eventName\":\"CreateUser\",\"eventTime\":\"" + recent.createdAt()
				+ "\",\"requestParameters\":{\"userName\":\"recent-no-identity\"}}");
		events.rawCloudTrailEvent("{\"eventName\":\"CreateUser\",\"eventTime\":42,\"userIdentity\":\"root\"}");
		events.rawCloudTrailEvent("[1,2,3]");
		events.rawCloudTrailEvent("{\"eventName\":\"CreateUser\",\"eventTime\":\"" + recent.createdAt()
				+ "\",\"requestParameters\":{\"userName\":\"recent\"},\"userIdentity\":{\"type\":7,\"userName\":"
				+ "{\"x\":1}}}");
		FakeAccount columns = organization.account(REPORT_COLUMNS, "columns");
		columns.user("report-user").password(true, Instant.now());
		columns.user("truncated");
		columns.credentialReportContent("extra_column," + FakeDocuments.REPORT_HEADER + ",another\n"
				+ "surprise,report-user,arn:aws:iam::" + REPORT_COLUMNS
				+ ":user/report-user,yesterday,true,31/12/2025,N/A,N/A,maybe,true,not-a-date,N/A,N/A,N/A,false,N/A,"
				+ "N/A,N/A,N/A,false,N/A,false,N/A,more\n" + "x,truncated,arn:aws:iam::" + REPORT_COLUMNS
				+ ":user/truncated,2020-01-01T00:00:00+00:00\n" + "x,\"unterminated");
		organization.account(NOT_CSV, "not-csv <script>alert(1)</script>")
			.credentialReportContent("<html><body>503 Service Unavailable</body></html>\u0000\u0001")
			.user("html-report");
		String row = FakeDocuments.configurationItem(names.users().get(0), "us-east-1").toString();
		organization.rawConfigRow(row)
			.rawConfigRow("{\"accountId\":\"" + NAMES + "\",\"resourceName\":")
			.rawConfigRow("[\"not an object\"]")
			.rawConfigRow("{\"accountId\":210000000011,\"resourceId\":\"AIDA1\",\"resourceName\":\"numeric-account\"}")
			.rawConfigRow("{\"accountId\":\"../../etc/passwd\",\"resourceId\":\"AIDA2\",\"resourceName\":\"escape\"}")
			.rawConfigRow("{\"accountId\":\"" + NAMES + "\",\"resourceId\":\"AIDA3\",\"resourceName\":\""
					+ "y".repeat(200) + "\"}")
			.rawConfigRow("{\"accountId\":\"" + NAMES + "\",\"resourceId\":null,\"resourceName\":\"no-id\"}")
			.rawConfigRow("{\"accountId\":\"" + NAMES
					+ "\",\"resourceId\":\"AIDAMISTYPED\",\"resourceName\":\"mistyped\",\"awsRegion\":\""
					+ "r".repeat(3_000) + "\",\"arn\":7,\"tags\":{\"key\":\"owner\"},\"configuration\":"
					+ "{\"path\":[],\"createDate\":12345,\"groupList\":\"admins\",\"attachedManagedPolicies\":[{}],"
					+ "\"userPolicyList\":7}}")
			.rawConfigRow(
					"{\"accountId\":\"" + NAMES + "\",\"resourceId\":\"AIDAREGION\",\"resourceName\":\"odd-region\","
							+ "\"awsRegion\":\"<script>\\u0000\"}");
		return organization;
	}

}
