package io.iamuseraudit.delivery;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.archive.*}: where the reports are kept as evidence. Without a bucket they
 * go to {@code <output-dir>/archive/} with the same key layout.
 *
 * @param bucket S3 bucket of the evidence archive
 * @param prefix key prefix; keys are {@code <prefix><yyyy>/<MM>/<dd>/<reportDate>/<file>}
 * @param kmsKeyId KMS key for SSE-KMS; the AWS-managed key when empty
 * @param expectedBucketOwner account id the bucket must belong to
 * @param objectLockMode Object Lock retention mode, none when empty
 * @param retentionDays Object Lock retention in days
 */
public record ArchiveProperties(@Size(min = 3, max = 63) @Pattern(regexp = "[a-z0-9][a-z0-9.-]+[a-z0-9]") String bucket,
		@NotNull @Pattern(regexp = "([\\w!*'()-][\\w!.*'()-]*/)*",
				message = "must be empty or end with '/', with path segments of safe key characters that do not start with '.'") @DefaultValue("iam-user-audit/") String prefix,
		@Size(min = 1, max = 2048) String kmsKeyId, @Pattern(regexp = "\\d{12}") String expectedBucketOwner,
		ObjectLockMode objectLockMode, @Min(1) @Max(36500) Integer retentionDays) {

	/** S3 Object Lock modes. */
	public enum ObjectLockMode {

		GOVERNANCE, COMPLIANCE

	}

	@AssertTrue(
			message = "audit.archive.retention-days is required when audit.archive.object-lock-mode is set, and only then")
	boolean isRetentionConsistent() {
		return (this.objectLockMode == null) == (this.retentionDays == null);
	}

}
