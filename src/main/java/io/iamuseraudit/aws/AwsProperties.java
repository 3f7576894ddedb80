package io.iamuseraudit.aws;

import java.time.Duration;

import jakarta.validation.Valid;
import org.hibernate.validator.constraints.time.DurationMin;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.aws.*}. Credentials never come from here: the SDK's default provider chain
 * supplies them, and {@code AWS_ENDPOINT_URL[_<SERVICE>]} redirects endpoints.
 *
 * @param region region of the aggregator and of the STS endpoint, in the standard
 * {@code aws} partition; CloudTrail is read in us-east-1, where IAM records its events
 * @param memberRoleName role assumed in each member account to read CloudTrail and IAM
 * @param memberRoleExternalId external id required by the member role's trust policy, if
 * any
 * @param apiCallTimeout limit of one API call, retries included
 * @param apiCallAttemptTimeout limit of one attempt
 * @param maxAttempts attempts per call (the SDK backs off between them, longer when
 * throttled)
 */
public record AwsProperties(
		@NotBlank @Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d") @DefaultValue("us-east-1") String region,
		@Valid @DefaultValue ConfigProperties config,
		@NotBlank @Pattern(regexp = "[\\w+=,.@-]{1,64}") @DefaultValue("IamUserAuditRole") String memberRoleName,
		@Size(min = 2, max = 1224) @Pattern(regexp = "[\\w+=,.@:/-]+") String memberRoleExternalId,
		@Valid @DefaultValue CloudTrailProperties cloudtrail,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("2m") Duration apiCallTimeout,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("20s") Duration apiCallAttemptTimeout,
		@Min(1) @Max(20) @DefaultValue("8") int maxAttempts) {

	/**
	 * Regions of the standard {@code aws} partition. IAM's events, ARNs and global
	 * endpoints differ in China, GovCloud, the isolated and the sovereign regions.
	 */
	public static boolean isAwsPartitionRegion(String region) {
		return region == null || region.matches("(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\\d+");
	}

	@AssertTrue(message = "audit.aws.region must be in the standard aws partition: China, GovCloud, isolated and "
			+ "sovereign regions are not supported")
	boolean isInTheAwsPartition() {
		return isAwsPartitionRegion(this.region);
	}

	/**
	 * {@code audit.aws.config.*}.
	 *
	 * @param aggregatorName the Config aggregator in the delegated admin account
	 * @param queryFile the advanced query; a path relative to the working directory falls
	 * back to the copy bundled in the jar
	 */
	public record ConfigProperties(@Size(min = 1, max = 256) String aggregatorName,
			@NotBlank @DefaultValue("jobs/iam-users.sql") String queryFile) {
	}

	/**
	 * {@code audit.aws.cloudtrail.*}: the organization trail's bucket, read for users
	 * created before CloudTrail's 90 days of event history.
	 */
	public record CloudTrailProperties(
			@Size(min = 3, max = 63) @Pattern(regexp = "[a-z0-9][a-z0-9.-]+[a-z0-9]") String orgTrailBucket,
			@DefaultValue("") String orgTrailPrefix, @Pattern(regexp = "o-[a-z0-9]{10,32}") String organizationId) {
	}

}
