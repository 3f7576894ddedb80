package io.iamuseraudit.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.iamuseraudit.delivery.ArchiveProperties.ObjectLockMode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The PutObject requests {@link S3ReportArchive} builds, for what S3Proxy cannot check:
 * SSE-KMS with the AWS-managed key (S3Proxy insists on a key id) and the retention date.
 */
class S3ReportArchiveTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String SHA256 = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T06:00:00.900Z"), ZoneOffset.UTC);

	@Test
	void encryptsWithAwsManagedKeyWhenNoKeyIsConfigured() {
		PutObjectRequest request = archive(new ArchiveProperties("evidence", "p/", null, null, null, null))
			.putRequest(REPORT_DATE, "p/k.pdf", 11, SHA256);

		assertThat(request.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
		assertThat(request.ssekmsKeyId()).isNull();
		assertThat(request.expectedBucketOwner()).isNull();
		assertThat(request.objectLockMode()).isNull();
		assertThat(request.objectLockRetainUntilDate()).isNull();
	}

	@Test
	void sendsListedSha256AsBase64AndNeverOverwrites() {
		PutObjectRequest request = archive(new ArchiveProperties("evidence", "p/", null, null, null, null))
			.putRequest(REPORT_DATE, "p/k.csv", 11, SHA256);

		assertThat(request.checksumSHA256()).isEqualTo("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=");
		assertThat(request.checksumAlgorithm()).as("no SDK-computed trailer next to ours").isNull();
		assertThat(request.ifNoneMatch()).isEqualTo("*");
		assertThat(request.contentType()).isEqualTo("text/csv; charset=UTF-8");
		assertThat(request.contentLength()).isEqualTo(11);
	}

	@Test
	void retainsLockedObjectsForRetentionDaysFromNow() {
		PutObjectRequest request = archive(
				new ArchiveProperties("evidence", "p/", null, null, ObjectLockMode.GOVERNANCE, 30))
			.putRequest(REPORT_DATE, "p/k.pdf", 11, SHA256);

		assertThat(request.objectLockModeAsString()).isEqualTo("GOVERNANCE");
		assertThat(request.objectLockRetainUntilDate()).isEqualTo(Instant.parse("2026-12-24T06:00:00Z"));
	}

	@Test
	void keepsMetadataPrintableAscii() {
		S3ReportArchive archive = new S3ReportArchive(mock(S3Client.class),
				new ArchiveProperties("evidence", "p/", null, null, null, null), "1.0 beta\r\nX-Injected: ü", CLOCK);

		PutObjectRequest request = archive.putRequest(REPORT_DATE, "p/k.pdf", 11, SHA256);

		assertThat(request.metadata()).containsEntry("report-date", "2026-11-24")
			.containsEntry("tool-version", "1.0_beta__X-Injected:__");
	}

	private static S3ReportArchive archive(ArchiveProperties properties) {
		return new S3ReportArchive(mock(S3Client.class), properties, "1.0", CLOCK);
	}

}
