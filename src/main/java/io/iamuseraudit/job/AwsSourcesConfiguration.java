package io.iamuseraudit.job;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.OrganizationsAccountDirectory;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.attribution.CreatorSource;
import io.iamuseraudit.inventory.ConfigAggregatorInventorySource;
import io.iamuseraudit.inventory.InventoryQuery;
import io.iamuseraudit.inventory.InventorySource;
import software.amazon.awssdk.services.config.ConfigClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit.source=aws}: the organization's Config aggregator, Organizations, and each
 * member account's CloudTrail and IAM through the audit role. The inventory query is read
 * and checked at start, so a query missing a field stops the run before anything is called.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "audit.source", havingValue = "aws")
class AwsSourcesConfiguration {

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

	// Creators (CloudTrail) and activity (credential reports) of member accounts come next;
	// until then every account says so and the run ends with warnings.
	@Bean
	CreatorSource pendingCreatorSource() {
		return (account, users, reportDate) -> {
			throw new AccountAccessException("CloudTrail attribution is not available yet");
		};
	}

	@Bean
	CredentialReportSource pendingCredentialReportSource() {
		return (account) -> {
			throw new AccountAccessException("credential reports are not available yet");
		};
	}

}
