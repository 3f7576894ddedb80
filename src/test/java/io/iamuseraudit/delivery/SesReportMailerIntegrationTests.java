package io.iamuseraudit.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link SesReportMailer} through the SDK's HTTP stack (SigV4, restJson1, and the SDK's
 * standard retry strategy with 3 attempts on a client this test builds, not the audit's
 * own client configuration) to a local SES v2 endpoint; the captured raw message is taken
 * apart with Jakarta Mail as a mail client would.
 */
class SesReportMailerIntegrationTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private FakeSes ses;

	private SesV2Client client;

	@TempDir
	Path dir;

	private Path pdf;

	private Path csv;

	@BeforeEach
	void startSes() throws IOException {
		this.ses = FakeSes.start();
		this.client = SesV2Client.builder()
			.endpointOverride(this.ses.endpoint())
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
			.overrideConfiguration(overrides -> overrides.retryStrategy(AwsRetryStrategy.standardRetryStrategy()
				.toBuilder()
				.maxAttempts(3)
				.circuitBreakerEnabled(false)
				.build()))
			.build();
		byte[] pdfBytes = new byte[300_000];
		new Random(6).nextBytes(pdfBytes);
		this.pdf = Files.write(this.dir.resolve("iam-user-audit-2026-11-24.pdf"), pdfBytes);
		this.csv = Files.writeString(this.dir.resolve("iam-user-audit-2026-11-24.csv"),
				"account,user,owner\n111122223333,alice,\"<script>alert(1)</script>\"\n" + "x".repeat(5000) + "\n");
	}

	@AfterEach
	void stopSes() {
		this.client.close();
		this.ses.close();
	}

	@Test
	void sendsComposedMessageAsRawMimeFromSenderToRecipients() throws Exception {
		String messageId = mailer().send(compose(properties("40MB")));

		assertThat(this.ses.requests()).hasSize(1);
		FakeSes.Request request = this.ses.requests().get(0);
		assertThat(messageId).isEqualTo(request.messageId());
		assertThat(request.header("Authorization")).contains("/eu-west-1/ses/aws4_request");
		assertThat(request.from()).isEqualTo("audit@example.com");
		assertThat(request.addresses("ToAddresses")).containsExactly("cto@example.com", "security@example.com");
		assertThat(request.addresses("CcAddresses")).containsExactly("ops@example.com");
		MimeMessage message = request.message();
		assertThat(message.getHeader("To", ",")).contains("cto@example.com", "security@example.com");
		assertThat(message.getHeader("Cc", ",")).contains("ops@example.com");
		ReceivedEmail email = ReceivedEmail.of(message);
		assertThat(email.subject())
			.isEqualTo("IAM user audit 2026-11-24: 1,284 users, 37 high findings, 12 new since 2026-11-10");
		assertThat(email.attachments()).containsOnlyKeys("iam-user-audit-2026-11-24.pdf",
				"iam-user-audit-2026-11-24.csv");
		assertThat(email.attachments().get("iam-user-audit-2026-11-24.pdf")).isEqualTo(Files.readAllBytes(this.pdf));
		assertThat(email.attachments().get("iam-user-audit-2026-11-24.csv")).isEqualTo(Files.readAllBytes(this.csv));
		assertThat(email.text()).contains("The PDF report and the CSV of every user are attached.");
	}

	@Test
	void keepsEveryLineOfRawMessageWithinSmtpLimit() {
		mailer().send(compose(properties("40MB")));

		String raw = new String(this.ses.requests().get(0).raw(), StandardCharsets.US_ASCII);
		assertThat(raw.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
	}

	@Test
	void escapesMarkupFromDataInHtmlBody() throws Exception {
		mailer().send(compose(properties("40MB")));

		String html = ReceivedEmail.of(this.ses.requests().get(0).message()).html();
		assertThat(html).doesNotContain("<script>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
			.contains("Owner tag &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot; could not be read &amp; was ignored")
			.contains("aggregator &lt;script&gt;");
	}

	@Test
	void linksArchivedReportsInsteadOfAttachingThemBeyondMessageLimit() throws Exception {
		mailer().send(compose(properties("200KB")));

		ReceivedEmail email = ReceivedEmail.of(this.ses.requests().get(0).message());
		assertThat(email.attachments()).isEmpty();
		assertThat(email.text()).contains("The reports are too large to attach; they are archived here:",
				"s3://evidence/iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24.pdf",
				"s3://evidence/iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24.csv");
		assertThat(email.html()).contains("too large to attach");
		assertThat(this.ses.requests().get(0).raw().length).isLessThan(200 * 1024);
	}

	@Test
	void retriesThrottledSendAndSendsOnce() {
		this.ses.failNext(429, "TooManyRequestsException", "Maximum sending rate exceeded.");

		String messageId = mailer().send(compose(properties("40MB")));

		assertThat(this.ses.requests()).hasSize(2);
		assertThat(this.ses.sent()).extracting(FakeSes.Request::messageId).containsExactly(messageId);
	}

	@Nested
	class WhenSesRefuses {

		@Test
		void saysToVerifySenderAndSandboxRecipientsInRegionOnMessageRejected() {
			SesReportMailerIntegrationTests.this.ses.failNext(400, "MessageRejected",
					"Email address is not verified. The following identities failed the check in region EU-WEST-1: audit@example.com");

			assertThatExceptionOfType(DeliveryException.class)
				.isThrownBy(() -> mailer().send(compose(properties("40MB"))))
				.withCauseInstanceOf(MessageRejectedException.class)
				.withMessageContaining(
						"SES in region eu-west-1 refused the report email (MessageRejected: Email address is not verified.")
				.withMessageContaining("Verify the sender audit@example.com")
				.withMessageContaining("as an identity in SES in region eu-west-1")
				.withMessageContaining("sandbox, verify every recipient too (audit.email.to and cc: "
						+ "cto@example.com, security@example.com, ops@example.com)")
				.withMessageContaining("run the same command again");
			assertThat(SesReportMailerIntegrationTests.this.ses.requests()).as("not retried").hasSize(1);
		}

		@ParameterizedTest
		@CsvSource(delimiter = '|',
				textBlock = """
						400 | MailFromDomainNotVerifiedException | The custom MAIL FROM domain of audit@example.com is not verified in SES in region eu-west-1
						400 | AccountSuspendedException          | SES has suspended sending for this account in region eu-west-1
						400 | SendingPausedException             | aws sesv2 put-account-sending-attributes --sending-enabled --region eu-west-1
						403 | AccessDeniedException              | Allow the audit's role ses:SendEmail and ses:SendRawEmail on the identity of audit@example.com in region eu-west-1
						""")
		void saysWhatToCheck(int status, String errorType, String advice) {
			SesReportMailerIntegrationTests.this.ses.failNext(status, errorType, "refused");

			assertThatExceptionOfType(DeliveryException.class)
				.isThrownBy(() -> mailer().send(compose(properties("40MB"))))
				.withMessageContaining("(" + errorType + ": refused)")
				.withMessageContaining(advice);
			assertThat(SesReportMailerIntegrationTests.this.ses.sent()).isEmpty();
		}

		@Test
		void givesUpWhenThrottlingOutlastsRetries() {
			for (int i = 0; i < 3; i++) {
				SesReportMailerIntegrationTests.this.ses.failNext(429, "TooManyRequestsException",
						"Daily message quota exceeded.");
			}

			assertThatExceptionOfType(DeliveryException.class)
				.isThrownBy(() -> mailer().send(compose(properties("40MB"))))
				.withCauseInstanceOf(TooManyRequestsException.class)
				.withMessageContaining("SES kept throttling after every retry");
			assertThat(SesReportMailerIntegrationTests.this.ses.requests()).hasSize(3);
			assertThat(SesReportMailerIntegrationTests.this.ses.sent()).isEmpty();
		}

	}

	private SesReportMailer mailer() {
		return new SesReportMailer(this.client, properties("40MB"));
	}

	private MimeMessage compose(EmailProperties properties) {
		ArchiveKeys keys = new ArchiveKeys("iam-user-audit/");
		List<String> archived = List.of(this.pdf, this.csv)
			.stream()
			.map(file -> "s3://evidence/" + keys.key(REPORT_DATE, file.getFileName().toString()))
			.toList();
		return new AuditEmail(properties).compose(Summaries.withMarkupInNames(REPORT_DATE), List.of(this.pdf, this.csv),
				archived);
	}

	private static EmailProperties properties(String maxMessageBytes) {
		return new EmailProperties("audit@example.com", List.of("cto@example.com", "security@example.com"),
				List.of("ops@example.com"), DataSize.parse(maxMessageBytes), false, List.of(), "eu-west-1");
	}

}
