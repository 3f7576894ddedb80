package io.iamuseraudit.delivery;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.iamuseraudit.IamUserAuditApplication;
import io.iamuseraudit.aws.ApiCallCounter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Object;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What cron sees: the application run as {@code java -jar} runs it (the command runner,
 * its exit code), several times on one history database, archiving to S3Proxy and sending
 * through a local SES v2 endpoint: a restart after a refused email sends it without
 * collecting or archiving again; a second cron run sends nothing, a resend does; a
 * restart after an interrupted archive recognises what is already there.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryRestartIntegrationTests {

	private static final String BUCKET = "evidence";

	private static final String REPORT_DATE = "2026-11-10";

	@TempDir
	Path dir;

	private InProcessS3 s3;

	private FakeSes ses;

	@BeforeEach
	void startAwsEndpoints() throws Exception {
		this.s3 = InProcessS3.start(false);
		this.s3.createBucket(BUCKET);
		this.s3.redirectSdk();
		this.ses = FakeSes.start();
		this.ses.redirectSdk();
	}

	@AfterEach
	void stopAwsEndpoints() throws Exception {
		this.ses.close();
		this.s3.close();
	}

	@Test
	void restartAfterSesRejectionSendsEmailOnceWithoutTouchingArchive(CapturedOutput output) {
		this.ses.failNext(400, "MessageRejected",
				"Email address is not verified. The following identities failed the check in region US-EAST-1: audit@example.com");

		Run rejected = run();

		assertThat(rejected.exitCode()).isEqualTo(1);
		assertThat(output)
			.contains("Failure: SES in region us-east-1 refused the report email (MessageRejected: "
					+ "Email address is not verified.")
			.contains("Verify the sender audit@example.com (the address or its domain) as an identity in SES in "
					+ "region us-east-1")
			.contains("verify every recipient too (audit.email.to and cc: cto@example.com, ops@example.com)")
			.contains("Run the same command again (same reportDate) to restart from the step that failed.");
		assertThat(this.ses.sent()).isEmpty();
		List<S3Object> archived = this.s3.objects(BUCKET);
		assertThat(archived).hasSize(4);

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(this.ses.requests()).hasSize(2);
		assertThat(this.ses.sent()).hasSize(1);
		assertThat(this.s3.objects(BUCKET)).as("same objects, same ETags and times").isEqualTo(archived);
		assertThat(restarted.apiCalls()).as("AWS calls of the restart").containsExactly(Map.entry("SesV2", 1));
		assertThat(countOf(output, "Executing step: [collectUsers]")).isEqualTo(1);
		assertThat(countOf(output, "Executing step: [archiveReports]")).isEqualTo(1);
		assertThat(countOf(output, "Executing step: [emailReport]")).isEqualTo(2);
	}

	@Test
	void secondRunOfSentAuditSendsNothingUnlessResendIsAsked(CapturedOutput output) throws Exception {
		assertThat(run().exitCode()).isZero();
		assertThat(this.ses.sent()).hasSize(1);
		List<S3Object> archived = this.s3.objects(BUCKET);

		Run cronAgain = run();

		assertThat(cronAgain.exitCode()).isZero();
		assertThat(this.ses.requests()).hasSize(1);
		assertThat(output).contains("The audit of 2026-11-10 already completed");

		Run resend = run("--audit.email.resend=true");

		assertThat(resend.exitCode()).isZero();
		assertThat(this.ses.sent()).hasSize(2);
		assertThat(this.ses.sent().get(1).message().getHeader("X-IAM-User-Audit-Report-Date"))
			.containsExactly(REPORT_DATE);
		assertThat(this.s3.objects(BUCKET)).isEqualTo(archived);
		assertThat(resend.apiCalls()).containsEntry("SesV2", 1).doesNotContainKey("S3");
	}

	@Test
	void restartAfterEvidenceConflictRecognisesWhatIsArchivedAndOverwritesNothing(CapturedOutput output) {
		String manifestKey = "iam-user-audit/2026/11/10/2026-11-10/manifest.json";
		this.s3.client()
			.putObject(request -> request.bucket(BUCKET).key(manifestKey), RequestBody.fromString("{\"forged\":true}"));

		Run conflicting = run();

		assertThat(conflicting.exitCode()).isEqualTo(1);
		assertThat(output).contains("Failure: The archive already holds a different s3://" + BUCKET + "/" + manifestKey
				+ "; archived evidence is never overwritten.");
		assertThat(new String(this.s3.bytes(BUCKET, manifestKey), StandardCharsets.UTF_8))
			.isEqualTo("{\"forged\":true}");
		List<S3Object> reports = this.s3.objects(BUCKET)
			.stream()
			.filter(object -> !object.key().equals(manifestKey))
			.toList();
		assertThat(reports).hasSize(3);
		assertThat(this.ses.requests()).isEmpty();
		this.s3.client().deleteObject(request -> request.bucket(BUCKET).key(manifestKey));

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(countOf(output, "Already archived s3://" + BUCKET + "/")).isEqualTo(3);
		assertThat(this.s3.objects(BUCKET)).hasSize(4).containsAll(reports);
		assertThat(this.ses.sent()).hasSize(1);
	}

	private Run run(String... extraArguments) {
		String[] arguments = Stream.concat(
				Stream.of("reportDate=" + REPORT_DATE, "--spring.datasource.url=jdbc:h2:file:" + this.dir.resolve("db"),
						"--audit.output-dir=" + this.dir.resolve("out"), "--audit.archive.bucket=" + BUCKET,
						"--audit.archive.kms-key-id=alias/iam-user-audit", "--audit.email.from=audit@example.com",
						"--audit.email.to=cto@example.com", "--audit.email.cc=ops@example.com"),
				Stream.of(extraArguments))
			.toArray(String[]::new);
		ConfigurableApplicationContext context = IamUserAuditApplication.application().run(arguments);
		Map<String, Integer> apiCalls = context.getBean(ApiCallCounter.class).drain("");
		return new Run(SpringApplication.exit(context), apiCalls);
	}

	private static long countOf(CapturedOutput output, String text) {
		return output.getAll().lines().filter(line -> line.contains(text)).count();
	}

	private record Run(int exitCode, Map<String, Integer> apiCalls) {
	}

}
