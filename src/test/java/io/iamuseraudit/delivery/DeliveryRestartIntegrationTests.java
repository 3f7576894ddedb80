package io.iamuseraudit.delivery;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * restart after an interrupted archive recognises what is already there; S3 or SES
 * unreachable (connection refused) or failing with 503 after every retry fail the run
 * with what to check, and the restart delivers once.
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

	@Test
	void restartAfterS3WasUnreachableArchivesAndEmailsOnce(CapturedOutput output) throws Exception {
		System.setProperty("aws.endpointUrlS3", "http://127.0.0.1:" + closedPort());

		Run unreachable = run("--audit.aws.max-attempts=2");

		assertThat(unreachable.exitCode()).isEqualTo(1);
		assertThat(output)
			.contains("Failure: No answer from S3 to store iam-user-audit-2026-11-10.pdf as s3://" + BUCKET
					+ "/iam-user-audit/2026/11/10/2026-11-10/iam-user-audit-2026-11-10.pdf: Unable to execute "
					+ "HTTP request: Connect to 127.0.0.1")
			.contains("Connection refused")
			.contains("Check the network path to S3 (proxy, VPC endpoint, AWS_ENDPOINT_URL_S3). Then run the same "
					+ "command again: the audit resumes at archiveReports and recognises what is already archived.");
		assertThat(this.ses.requests()).isEmpty();
		this.s3.redirectSdk();

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(this.s3.objects(BUCKET)).hasSize(4);
		assertThat(this.ses.sent()).hasSize(1);
		assertThat(countOf(output, "Executing step: [collectUsers]")).isEqualTo(1);
		assertThat(countOf(output, "Executing step: [archiveReports]")).isEqualTo(2);
	}

	@Test
	void restartAfterS3KeptFailingArchivesOnce(CapturedOutput output) {
		this.s3.faults().failNext(2, 503, "ServiceUnavailable");

		Run failed = run("--audit.aws.max-attempts=2");

		assertThat(failed.exitCode()).isEqualTo(1);
		assertThat(output).contains("Failure: S3 refused to store iam-user-audit-2026-11-10.pdf as s3://" + BUCKET
				+ "/iam-user-audit/2026/11/10/2026-11-10/iam-user-audit-2026-11-10.pdf (HTTP 503 ServiceUnavailable). "
				+ "S3 kept failing after every retry (audit.aws.max-attempts).");
		assertThat(this.s3.objects(BUCKET)).isEmpty();

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(this.s3.objects(BUCKET)).hasSize(4);
		assertThat(this.ses.sent()).hasSize(1);
	}

	@Test
	void restartAfterSesWasUnavailableSendsOnceWithoutTouchingTheArchive(CapturedOutput output) {
		this.ses.failNext(503, "ServiceUnavailable", "Service unavailable");
		this.ses.failNext(503, "ServiceUnavailable", "Service unavailable");

		Run unavailable = run("--audit.aws.max-attempts=2");

		assertThat(unavailable.exitCode()).isEqualTo(1);
		assertThat(output).contains("Failure: SES in region us-east-1 refused the report email (ServiceUnavailable: "
				+ "Service unavailable). SES kept failing after every retry (audit.aws.max-attempts): it is "
				+ "unavailable; wait before running again. Then run the same command again: the audit resumes at "
				+ "emailReport.");
		List<S3Object> archived = this.s3.objects(BUCKET);
		assertThat(archived).hasSize(4);

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(this.ses.sent()).hasSize(1);
		assertThat(this.s3.objects(BUCKET)).isEqualTo(archived);
		assertThat(restarted.apiCalls()).containsExactly(Map.entry("SesV2", 1));
	}

	@Test
	void restartAfterSesWasUnreachableSendsOnce(CapturedOutput output) throws Exception {
		System.setProperty("aws.endpointUrlSesV2", "http://127.0.0.1:" + closedPort());

		Run unreachable = run("--audit.aws.max-attempts=2");

		assertThat(unreachable.exitCode()).isEqualTo(1);
		assertThat(output)
			.contains("Failure: No answer from SES in region us-east-1 to the report email: "
					+ "Unable to execute HTTP request: Connect to 127.0.0.1")
			.contains("Then run the same command again: the audit resumes at emailReport.");
		this.ses.redirectSdk();

		Run restarted = run();

		assertThat(restarted.exitCode()).isZero();
		assertThat(this.ses.sent()).hasSize(1);
		assertThat(this.s3.objects(BUCKET)).hasSize(4);
	}

	/** A port nothing listens on: connecting to it is refused. */
	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
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
