package io.iamuseraudit.job;

import java.time.Clock;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.MemberAccountCredentials;
import io.iamuseraudit.account.OrganizationsAccountDirectory;
import io.iamuseraudit.activity.CredentialReportParser;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.IamCredentialReportSource;
import io.iamuseraudit.attribution.CloudTrailCreatorSource;
import io.iamuseraudit.attribution.CreateUserEvents;
import io.iamuseraudit.attribution.CreatorSource;
import io.iamuseraudit.attribution.OrgTrailReader;
import io.iamuseraudit.aws.AccountRateLimiter;
import io.iamuseraudit.aws.AwsProperties;
import io.iamuseraudit.aws.AwsProperties.CloudTrailProperties;
import io.iamuseraudit.inventory.ConfigAggregatorInventorySource;
import io.iamuseraudit.inventory.InventoryQuery;
import io.iamuseraudit.inventory.InventorySource;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit.source=aws}: the organization's Config aggregator, Organizations, and each
 * member account's CloudTrail and IAM through the audit role. The inventory query is read
 * and checked at start, so a query missing a field stops the run before anything is
 * called.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "audit.source", havingValue = "aws")
class AwsSourcesConfiguration {

	/** CloudTrail LookupEvents quota, per account and region. */
	private static final int CLOUDTRAIL_REQUESTS_PER_SECOND = 2;

	@Bean
	InventoryQuery inventoryQuery(AuditProperties properties) {
		return InventoryQuery.load(properties.aws().config().queryFile());
	}

	@Bean
	InventorySource configAggregatorInventorySource(ConfigClient config, InventoryQuery query,
			AuditProperties properties) {
		return new ConfigAggregatorInventorySource(config, properties.aws().config().aggregatorName(),
				properties.aws().region(), query);
	}

	@Bean
	AccountDirectory organizationsAccountDirectory(OrganizationsClient organizations) {
		return new OrganizationsAccountDirectory(organizations);
	}

	@Bean(destroyMethod = "close")
	MemberAccountCredentials memberAccountCredentials(StsClient sts, AuditProperties properties) {
		AwsProperties aws = properties.aws();
		return new MemberAccountCredentials(sts, aws.memberRoleName(), aws.memberRoleExternalId());
	}

	@Bean
	CreatorSource cloudTrailCreatorSource(CloudTrailClient cloudTrail, MemberAccountCredentials credentials,
			CreateUserEvents parser, ObjectProvider<S3Client> s3, JsonMapper json, AuditProperties properties) {
		CloudTrailProperties trail = properties.aws().cloudtrail();
		OrgTrailReader orgTrail = (trail.orgTrailBucket() != null) ? new OrgTrailReader(s3.getObject(),
				trail.orgTrailBucket(), trail.orgTrailPrefix(), trail.organizationId(), parser, json) : null;
		return new CloudTrailCreatorSource(cloudTrail, credentials, parser,
				new AccountRateLimiter(CLOUDTRAIL_REQUESTS_PER_SECOND), orgTrail, Clock.systemUTC());
	}

	@Bean
	CredentialReportSource iamCredentialReportSource(IamClient iam, MemberAccountCredentials credentials,
			CredentialReportParser parser) {
		return new IamCredentialReportSource(iam, credentials, parser, IamCredentialReportSource.Polling.DEFAULT,
				Clock.systemUTC());
	}

}
