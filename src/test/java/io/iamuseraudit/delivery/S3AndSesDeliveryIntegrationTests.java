package io.iamuseraudit.delivery;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.report.ReportFiles;
import io.iamuseraudit.report.ReportSummaries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;
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
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit job on the sample organization, archiving to S3 (S3Proxy) and emailing
 * through SES (a local SES v2 endpoint), with the application's own AWS client beans:
 * path-style S3 through {@code aws.endpointUrlS3}, SES through
 * {@code aws.endpointUrlSesV2}, credentials from the default provider chain (system
 * properties).
 */
@SpringBootTest(properties = { "audit.command=history",
		"audit.archive.bucket=" + S3AndSesDeliveryIntegrationTests.BUCKET,
		"audit.archive.kms-key-id=" + S3AndSesDeliveryIntegrationTests.KMS_KEY, "audit.email.from=audit@example.com",
		"audit.email.to=cto@example.com,security@example.com", "audit.email.cc=ops@example.com" })
@SpringBatchTest
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class S3AndSesDeliveryIntegrationTests {

	static final String BUCKET = "iam-user-audit-evidence";

	static final String KMS_KEY = "alias/iam-user-audit";

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 10);

	private static final String KEY_PREFIX = "iam-user-audit/2026/11/10/2026-11-10/";

	@TempDir
	static Path dir;

	private static InProcessS3 s3;

	private static FakeSes ses;

	@Autowired
	private JobOperatorTestUtils jobs;

	@Autowired
	private AuditProperties properties;

	@Autowired
	private DeliveryLog deliveries;

	@Autowired
	private ReportSummaries summaries;

	@Autowired
	private ReportMailer mailer;

	@Autowired
	private ReportArchive archive;

	@Autowired
	private ArchiveKeys keys;

	@BeforeAll
	static void startAwsEndpoints() throws Exception {
		s3 = InProcessS3.start(false);
		s3.createBucket(BUCKET);
		s3.redirectSdk();
		ses = FakeSes.start();
		ses.redirectSdk();
	}

	@AfterAll
	static void stopAwsEndpoints() throws Exception {
		ses.close();
		s3.close();
	}

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + dir.resolve("db"));
		registry.add("audit.output-dir", () -> dir.resolve("out").toString());
	}

	@Test
	@Order(1)
	void archivesEvidenceInS3AndEmailsReportsThroughSesRetryingThrottling() throws Exception {
		ses.failNext(429, "TooManyRequestsException", "Maximum sending rate exceeded.");

		JobExecution execution = this.jobs
			.startJob(new JobParametersBuilder().addLocalDate("reportDate", REPORT_DATE).toJobParameters());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		ReportFiles files = new ReportFiles(this.properties.outputDir(), REPORT_DATE);
		assertThat(s3.objects(BUCKET)).extracting(S3Object::key)
			.containsExactlyInAnyOrder(KEY_PREFIX + "iam-user-audit-2026-11-10.pdf",
					KEY_PREFIX + "iam-user-audit-2026-11-10.csv",
					KEY_PREFIX + "iam-user-audit-2026-11-10-users.jsonl.gz", KEY_PREFIX + "manifest.json");
		for (Path file : files.all()) {
			String key = KEY_PREFIX + file.getFileName();
			assertThat(s3.bytes(BUCKET, key)).as(key).isEqualTo(Files.readAllBytes(file));
			HeadObjectResponse head = s3.head(BUCKET, key);
			assertThat(head.checksumSHA256()).isEqualTo(Sha256.base64(Sha256.of(file)));
			assertThat(head.metadata()).containsEntry("report-date", "2026-11-10").containsKey("tool-version");
			assertThat(head.serverSideEncryptionAsString()).isEqualTo("aws:kms");
		}
		assertThat(ses.requests()).hasSize(2);
		assertThat(ses.sent()).hasSize(1);
		FakeSes.Request sent = ses.sent().get(0);
		assertThat(sent.from()).isEqualTo("audit@example.com");
		assertThat(sent.addresses("ToAddresses")).containsExactly("cto@example.com", "security@example.com");
		assertThat(sent.addresses("CcAddresses")).containsExactly("ops@example.com");
		ReceivedEmail email = ReceivedEmail.of(sent.message());
		assertThat(email.subject()).startsWith("[SAMPLE] IAM user audit 2026-11-10: 300 users, ");
		assertThat(email.attachments()).containsOnlyKeys("iam-user-audit-2026-11-10.pdf",
				"iam-user-audit-2026-11-10.csv");
		assertThat(email.attachments().get("iam-user-audit-2026-11-10.pdf")).isEqualTo(Files.readAllBytes(files.pdf()));
		assertThat(email.attachments().get("iam-user-audit-2026-11-10.csv")).isEqualTo(Files.readAllBytes(files.csv()));
		assertThat(this.deliveries.emails(REPORT_DATE)).containsExactly(sent.messageId());
	}

	@Test
	@Order(2)
	void archivesManifestLastListingWhatS3Verified() {
		JsonNode manifest = JsonMapper.builder().build().readTree(s3.bytes(BUCKET, KEY_PREFIX + "manifest.json"));

		assertThat(manifest.path("reportDate").asString()).isEqualTo("2026-11-10");
		assertThat(manifest.path("objects")).hasSize(3);
		for (JsonNode object : manifest.path("objects")) {
			String key = object.path("key").asString();
			HeadObjectResponse head = s3.head(BUCKET, key);
			assertThat(Sha256.base64(object.path("sha256").asString())).as(key).isEqualTo(head.checksumSHA256());
			assertThat(object.path("size").asLong()).isEqualTo(head.contentLength());
		}
		List<S3Object> objects = s3.objects(BUCKET);
		S3Object manifestObject = objects.stream()
			.filter(object -> object.key().endsWith("manifest.json"))
			.findFirst()
			.orElseThrow();
		assertThat(objects)
			.allSatisfy(object -> assertThat(object.lastModified()).isBeforeOrEqualTo(manifestObject.lastModified()));
	}

	@Test
	@Order(3)
	void linksArchivedObjectsWhenReportsAreTooLargeToAttach() throws Exception {
		EmailProperties small = new EmailProperties("audit@example.com", List.of("cto@example.com"), List.of(),
				DataSize.ofKilobytes(64), true, List.of(), null);
		ReportEmail email = new ReportEmail(this.summaries, new AuditEmail(small), this.mailer, this.deliveries,
				this.archive, this.keys, this.properties.outputDir());

		assertThat(email.send(REPORT_DATE, true)).isTrue();

		ReceivedEmail received = ReceivedEmail.of(ses.sent().get(ses.sent().size() - 1).message());
		assertThat(received.attachments()).isEmpty();
		String pdf = "s3://" + BUCKET + "/" + KEY_PREFIX + "iam-user-audit-2026-11-10.pdf";
		String csv = "s3://" + BUCKET + "/" + KEY_PREFIX + "iam-user-audit-2026-11-10.csv";
		assertThat(received.text()).contains("The reports are too large to attach; they are archived here:", pdf, csv);
		assertThat(received.html()).contains("too large to attach", pdf, csv);
		assertThat(s3.head(BUCKET, KEY_PREFIX + "iam-user-audit-2026-11-10.pdf").contentLength())
			.as("the linked object exists")
			.isPositive();
	}

}
