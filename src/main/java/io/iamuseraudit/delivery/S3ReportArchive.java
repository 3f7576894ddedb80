package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * The evidence archive in an S3 bucket. Every object is written once: SSE-KMS, the
 * SHA-256 the manifest lists sent as {@code x-amz-checksum-sha256} (S3 refuses bytes that
 * do not match it), {@code If-None-Match: *} so that nothing is ever overwritten, the
 * expected bucket owner and Object Lock retention when configured. When the key exists (a
 * restarted run) the object there is compared by SHA-256 and size: identical counts as
 * archived, a different one is an {@link EvidenceConflictException}. Thread-safe (the
 * client is).
 */
public final class S3ReportArchive implements ReportArchive {

	static final String REPORT_DATE_METADATA = "report-date";

	static final String TOOL_VERSION_METADATA = "tool-version";

	private static final String RESUME = "Then run the same command again: the audit resumes at archiveReports "
			+ "and recognises what is already archived.";

	private final S3Client s3;

	private final ArchiveProperties properties;

	private final String toolVersion;

	private final Clock clock;

	public S3ReportArchive(S3Client s3, ArchiveProperties properties, String toolVersion, Clock clock) {
		this.s3 = s3;
		this.properties = properties;
		this.toolVersion = metadataValue(toolVersion);
		this.clock = clock;
	}

	@Override
	public ArchivedObject store(LocalDate reportDate, String key, Path file, String sha256) {
		long size = size(file);
		try {
			this.s3.putObject(putRequest(reportDate, key, size, sha256), RequestBody.fromFile(file));
			return new ArchivedObject(key, sha256, size, location(key), false);
		}
		catch (S3Exception ex) {
			if (ex.statusCode() == 412) {
				return alreadyThere(key, sha256, size);
			}
			throw refused("store " + file.getFileName() + " as", key, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable("store " + file.getFileName() + " as", key, ex);
		}
	}

	@Override
	public String location(String key) {
		return "s3://" + this.properties.bucket() + "/" + key;
	}

	PutObjectRequest putRequest(LocalDate reportDate, String key, long size, String sha256) {
		PutObjectRequest.Builder request = PutObjectRequest.builder()
			.bucket(this.properties.bucket())
			.key(key)
			.contentLength(size)
			.contentType(ContentTypes.of(key))
			.checksumSHA256(Sha256.base64(sha256))
			.ifNoneMatch("*")
			.serverSideEncryption(ServerSideEncryption.AWS_KMS)
			.ssekmsKeyId(this.properties.kmsKeyId())
			.expectedBucketOwner(this.properties.expectedBucketOwner())
			.metadata(Map.of(REPORT_DATE_METADATA, reportDate.toString(), TOOL_VERSION_METADATA, this.toolVersion));
		if (this.properties.objectLockMode() != null) {
			request.objectLockMode(ObjectLockMode.fromValue(this.properties.objectLockMode().name()))
				.objectLockRetainUntilDate(this.clock.instant()
					.plus(Duration.ofDays(this.properties.retentionDays()))
					.truncatedTo(ChronoUnit.SECONDS));
		}
		return request.build();
	}

	private ArchivedObject alreadyThere(String key, String sha256, long size) {
		try {
			HeadObjectResponse head = this.s3.headObject(request -> request.bucket(this.properties.bucket())
				.key(key)
				.checksumMode(ChecksumMode.ENABLED)
				.expectedBucketOwner(this.properties.expectedBucketOwner()));
			if (head.contentLength() != size || !sha256.equals(storedSha256(key, head))) {
				throw new EvidenceConflictException(location(key));
			}
			return new ArchivedObject(key, sha256, size, location(key), true);
		}
		catch (S3Exception ex) {
			throw refused("compare what is already archived at", key, ex);
		}
		catch (SdkClientException ex) {
			throw unreachable("compare what is already archived at", key, ex);
		}
	}

	/**
	 * The stored object's SHA-256 in hex: from its full-object checksum, or by reading it
	 * when it has none (stored by another tool, or in parts).
	 */
	private String storedSha256(String key, HeadObjectResponse head) {
		String checksum = head.checksumSHA256();
		if (checksum != null && !checksum.contains("-")) {
			return HexFormat.of().formatHex(Base64.getDecoder().decode(checksum));
		}
		try (InputStream object = this.s3.getObject(request -> request.bucket(this.properties.bucket())
			.key(key)
			.expectedBucketOwner(this.properties.expectedBucketOwner()))) {
			return HexFormat.of().formatHex(Sha256.digest(object));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + location(key), ex);
		}
	}

	private DeliveryException refused(String action, String key, S3Exception ex) {
		String code = (ex.awsErrorDetails() != null) ? ex.awsErrorDetails().errorCode() : null;
		String cause = "S3 refused to %s %s (HTTP %d %s)".formatted(action, location(key), ex.statusCode(), code);
		String check = switch (ex.statusCode()) {
			case 403 -> accessDeniedHint();
			case 404 -> "NoSuchBucket".equals(code) ? "Check audit.archive.bucket: the bucket does not exist." : "";
			case 400 -> "BadDigest".equals(code)
					? "The file's bytes no longer have the SHA-256 computed before the upload: it changed "
							+ "while the audit ran. Nothing was stored under this key."
					: "";
			default ->
				(ex.statusCode() >= 500) ? "S3 kept failing after every retry (audit.aws.max-attempts). " + RESUME : "";
		};
		return new DeliveryException((cause + ". " + check).strip(), ex);
	}

	/**
	 * No answer at all: the endpoint refused the connection, closed it or timed out.
	 */
	private DeliveryException unreachable(String action, String key, SdkClientException ex) {
		return new DeliveryException("No answer from S3 to %s %s: %s. Check the network path to S3 (proxy, VPC "
			.formatted(action, location(key), ex.getMessage()) + "endpoint, AWS_ENDPOINT_URL_S3). " + RESUME, ex);
	}

	private String accessDeniedHint() {
		StringBuilder hint = new StringBuilder("Check ");
		if (this.properties.expectedBucketOwner() != null) {
			hint.append("that the bucket belongs to account ")
				.append(this.properties.expectedBucketOwner())
				.append(" (audit.archive.expected-bucket-owner; S3 answers 403 when it does not), and ");
		}
		hint.append("that the audit's role may s3:PutObject and s3:GetObject on the bucket");
		if (this.properties.objectLockMode() != null) {
			hint.append(", s3:PutObjectRetention");
		}
		hint.append(" and kms:GenerateDataKey on ")
			.append((this.properties.kmsKeyId() != null) ? "KMS key " + this.properties.kmsKeyId()
					: "the AWS-managed key aws/s3")
			.append('.');
		return hint.toString();
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/** User metadata travels in HTTP headers: printable ASCII only. */
	private static String metadataValue(String value) {
		return value.replaceAll("[^\\x21-\\x7e]", "_");
	}

}
