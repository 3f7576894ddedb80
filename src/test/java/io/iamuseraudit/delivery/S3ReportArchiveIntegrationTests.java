package io.iamuseraudit.delivery;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.iamuseraudit.delivery.ArchiveProperties.ObjectLockMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link S3ReportArchive} through the SDK's HTTP stack against S3Proxy, which implements
 * SigV4, {@code x-amz-checksum-sha256} verification, {@code If-None-Match} and SSE-KMS
 * headers (it echoes them; it has no KMS). It does not implement the expected bucket
 * owner or Object Lock: those requests are checked as sent, on the wire.
 */
class S3ReportArchiveIntegrationTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String KEY = "iam-user-audit/2026/11/24/2026-11-24/iam-user-audit-2026-11-24.pdf";

	private static final String KMS_KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";

	private static final AtomicInteger buckets = new AtomicInteger();

	private static InProcessS3 s3;

	private final RecordedRequests requests = new RecordedRequests();

	private S3Client client;

	private String bucket;

	@TempDir
	Path dir;

	@BeforeAll
	static void startS3() throws Exception {
		s3 = InProcessS3.start(false);
	}

	@AfterAll
	static void stopS3() throws Exception {
		s3.close();
	}

	@BeforeEach
	void createBucket() {
		this.bucket = "evidence-" + buckets.incrementAndGet();
		s3.createBucket(this.bucket);
		this.client = s3.client(this.requests);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void storesFileUnderItsKeyWithContentTypeMetadataAndKmsEncryption() throws IOException {
		Path pdf = file("report.pdf", "%PDF-1.7 the report");

		ArchivedObject stored = archive().store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

		assertThat(stored).isEqualTo(
				new ArchivedObject(KEY, Sha256.of(pdf), Files.size(pdf), "s3://" + this.bucket + "/" + KEY, false));
		assertThat(s3.objects(this.bucket)).extracting(S3Object::key).containsExactly(KEY);
		assertThat(s3.bytes(this.bucket, KEY)).isEqualTo(Files.readAllBytes(pdf));
		HeadObjectResponse head = s3.head(this.bucket, KEY);
		assertThat(head.contentType()).isEqualTo("application/pdf");
		assertThat(head.metadata()).containsEntry("report-date", "2026-11-24")
			.containsEntry("tool-version", "1.2.3-test");
		assertThat(head.serverSideEncryptionAsString()).isEqualTo("aws:kms");
		assertThat(head.ssekmsKeyId()).isEqualTo(KMS_KEY);
	}

	@Test
	void sendsSha256ComputedFromFileWhichS3VerifiesAndKeeps() throws IOException {
		Path csv = file("users.csv", "account,user\n111122223333,alice\n");

		archive().store(REPORT_DATE, KEY, csv, Sha256.of(csv));

		String expected = Sha256.base64(Sha256.of(csv));
		SdkHttpRequest put = this.requests.withMethod("PUT").get(0);
		assertThat(put.firstMatchingHeader("x-amz-checksum-sha256")).hasValue(expected);
		assertThat(put.firstMatchingHeader("If-None-Match")).hasValue("*");
		assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).hasValue("aws:kms");
		assertThat(put.firstMatchingHeader("x-amz-server-side-encryption-aws-kms-key-id")).hasValue(KMS_KEY);
		assertThat(put.firstMatchingHeader("x-amz-expected-bucket-owner")).isEmpty();
		assertThat(put.firstMatchingHeader("x-amz-object-lock-mode")).isEmpty();
		assertThat(s3.head(this.bucket, KEY).checksumSHA256()).isEqualTo(expected);
	}

	@Test
	void refusesBytesThatDoNotHaveTheListedSha256() throws IOException {
		Path pdf = file("report.pdf", "the report as rendered");
		String listed = Sha256.of(pdf);
		Files.writeString(pdf, "the report, changed afterwards");

		assertThatExceptionOfType(DeliveryException.class)
			.isThrownBy(() -> archive().store(REPORT_DATE, KEY, pdf, listed))
			.withMessageContaining("HTTP 400 BadDigest")
			.withMessageContaining("changed while the audit ran");
		assertThat(s3.objects(this.bucket)).isEmpty();
	}

	@Nested
	class NeverOverwrites {

		@Test
		void recognisesIdenticalObjectAlreadyArchived() throws IOException {
			Path pdf = file("report.pdf", "%PDF-1.7 the report");
			archive().store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));
			S3Object before = s3.objects(S3ReportArchiveIntegrationTests.this.bucket).get(0);
			S3ReportArchiveIntegrationTests.this.requests.clear();

			ArchivedObject again = archive().store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

			assertThat(again.alreadyPresent()).isTrue();
			assertThat(again.sha256()).isEqualTo(Sha256.of(pdf));
			assertThat(S3ReportArchiveIntegrationTests.this.requests.all()).extracting(r -> r.method().name())
				.containsExactly("PUT", "HEAD");
			assertThat(S3ReportArchiveIntegrationTests.this.requests.last().firstMatchingHeader("x-amz-checksum-mode"))
				.hasValue("ENABLED");
			assertThat(s3.objects(S3ReportArchiveIntegrationTests.this.bucket)).containsExactly(before);
		}

		@Test
		void refusesToReplaceDifferentObject() throws IOException {
			Path first = file("first.pdf", "%PDF-1.7 the first report");
			archive().store(REPORT_DATE, KEY, first, Sha256.of(first));
			Path second = file("second.pdf", "%PDF-1.7 another report");

			assertThatExceptionOfType(EvidenceConflictException.class)
				.isThrownBy(() -> archive().store(REPORT_DATE, KEY, second, Sha256.of(second)))
				.withMessageContaining("s3://" + S3ReportArchiveIntegrationTests.this.bucket + "/" + KEY)
				.withMessageContaining("never overwritten");
			assertThat(s3.bytes(S3ReportArchiveIntegrationTests.this.bucket, KEY)).isEqualTo(Files.readAllBytes(first));
		}

		@Test
		void refusesToReplaceObjectOfSameSizeWithOtherBytes() throws IOException {
			Path first = file("first.csv", "a,b\n1,2\n");
			archive().store(REPORT_DATE, KEY, first, Sha256.of(first));
			Path second = file("second.csv", "a,b\n3,4\n");

			assertThatExceptionOfType(EvidenceConflictException.class)
				.isThrownBy(() -> archive().store(REPORT_DATE, KEY, second, Sha256.of(second)));
		}

		@Test
		void readsObjectStoredWithoutChecksumToCompareIt() throws IOException {
			Path pdf = file("report.pdf", "%PDF-1.7 stored by another tool");
			s3.client()
				.putObject(request -> request.bucket(S3ReportArchiveIntegrationTests.this.bucket).key(KEY),
						RequestBody.fromFile(pdf));

			ArchivedObject again = archive().store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

			assertThat(again.alreadyPresent()).isTrue();
			assertThat(S3ReportArchiveIntegrationTests.this.requests.all()).extracting(r -> r.method().name())
				.containsExactly("PUT", "HEAD", "GET");
		}

	}

	/**
	 * S3Proxy does not implement these headers: it is told to ignore them, and the
	 * request is checked as sent.
	 */
	@Nested
	class WithExpectedOwnerAndObjectLock {

		private static final Instant NOW = Instant.parse("2026-11-24T06:00:00.123Z");

		private InProcessS3 lenient;

		private S3Client lenientClient;

		@BeforeEach
		void startLenientS3() throws Exception {
			this.lenient = InProcessS3.start(true);
			this.lenient.createBucket("locked");
			this.lenientClient = this.lenient.client(S3ReportArchiveIntegrationTests.this.requests);
		}

		@AfterEach
		void stopLenientS3() throws Exception {
			this.lenientClient.close();
			this.lenient.close();
		}

		@Test
		void sendsExpectedBucketOwnerAndRetentionWithEveryRequest() throws IOException {
			Path pdf = file("report.pdf", "%PDF-1.7 the report");
			S3ReportArchive archive = new S3ReportArchive(this.lenientClient, new ArchiveProperties("locked",
					"iam-user-audit/", KMS_KEY, "111122223333", ObjectLockMode.COMPLIANCE, 400), "1.2.3-test",
					Clock.fixed(NOW, ZoneOffset.UTC));

			archive.store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));
			archive.store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

			List<SdkHttpRequest> puts = S3ReportArchiveIntegrationTests.this.requests.withMethod("PUT");
			assertThat(puts).as("the first PUT, and the second refused by If-None-Match").hasSize(2).allSatisfy(put -> {
				assertThat(put.firstMatchingHeader("x-amz-expected-bucket-owner")).hasValue("111122223333");
				assertThat(put.firstMatchingHeader("x-amz-object-lock-mode")).hasValue("COMPLIANCE");
				assertThat(put.firstMatchingHeader("x-amz-object-lock-retain-until-date"))
					.hasValue("2027-12-29T06:00:00Z");
				assertThat(put.firstMatchingHeader("x-amz-checksum-sha256")).hasValue(Sha256.base64(Sha256.of(pdf)));
				assertThat(put.firstMatchingHeader("x-amz-server-side-encryption")).hasValue("aws:kms");
			});
			List<SdkHttpRequest> heads = S3ReportArchiveIntegrationTests.this.requests.withMethod("HEAD");
			assertThat(heads).as("comparing with what the refused PUT found")
				.hasSize(1)
				.allSatisfy(head -> assertThat(head.firstMatchingHeader("x-amz-expected-bucket-owner"))
					.hasValue("111122223333"));
		}

	}

	@Nested
	class WhenS3Denies {

		private HttpServer server;

		@BeforeEach
		void startDenyingS3() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			this.server.createContext("/", exchange -> {
				exchange.getRequestBody().readAllBytes();
				byte[] body = """
						<?xml version="1.0" encoding="UTF-8"?>
						<Error><Code>AccessDenied</Code><Message>Access Denied</Message><RequestId>R1</RequestId></Error>"""
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/xml");
				exchange.sendResponseHeaders(403, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			this.server.start();
		}

		@AfterEach
		void stopDenyingS3() {
			this.server.stop(0);
		}

		@Test
		void saysWhichOwnerAndPermissionsToCheck() throws IOException {
			Path pdf = file("report.pdf", "%PDF-1.7 the report");
			try (S3Client denying = S3Client.builder()
				.endpointOverride(URI.create("http://127.0.0.1:" + this.server.getAddress().getPort()))
				.forcePathStyle(true)
				.region(Region.US_EAST_1)
				.credentialsProvider(AnonymousCredentialsProvider.create())
				.build()) {
				S3ReportArchive archive = new S3ReportArchive(denying,
						new ArchiveProperties("evidence", "iam-user-audit/", null, "111122223333", null, null), "1",
						Clock.systemUTC());

				assertThatExceptionOfType(DeliveryException.class)
					.isThrownBy(() -> archive.store(REPORT_DATE, KEY, pdf, Sha256.of(pdf)))
					.withMessageContaining("HTTP 403 AccessDenied")
					.withMessageContaining("the bucket belongs to account 111122223333")
					.withMessageContaining("audit.archive.expected-bucket-owner")
					.withMessageContaining("kms:GenerateDataKey on the AWS-managed key aws/s3");
			}
		}

	}

	private S3ReportArchive archive() {
		return new S3ReportArchive(this.client,
				new ArchiveProperties(this.bucket, "iam-user-audit/", KMS_KEY, null, null, null), "1.2.3-test",
				Clock.systemUTC());
	}

	private Path file(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

}
