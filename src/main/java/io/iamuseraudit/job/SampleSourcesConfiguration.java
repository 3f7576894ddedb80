package io.iamuseraudit.job;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.SampleAccountDirectory;
import io.iamuseraudit.activity.CredentialReportParser;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.SampleCredentialReportSource;
import io.iamuseraudit.attribution.CreateUserEvents;
import io.iamuseraudit.attribution.CreatorSource;
import io.iamuseraudit.attribution.SampleCreatorSource;
import io.iamuseraudit.inventory.InventorySource;
import io.iamuseraudit.inventory.SampleInventorySource;
import io.iamuseraudit.inventory.SampleOrganization;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code audit.source=sample} (the default): the bundled sample organization, no AWS
 * needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "audit.source", havingValue = "sample", matchIfMissing = true)
class SampleSourcesConfiguration {

	@Bean
	SampleOrganization sampleOrganization(AuditProperties properties) {
		return new SampleOrganization(properties.sample().location());
	}

	@Bean
	InventorySource sampleInventorySource(SampleOrganization organization) {
		return new SampleInventorySource(organization);
	}

	@Bean
	AccountDirectory sampleAccountDirectory(SampleOrganization organization, JsonMapper json) {
		return new SampleAccountDirectory(organization, json);
	}

	@Bean
	CreatorSource sampleCreatorSource(SampleOrganization organization, CreateUserEvents parser) {
		return new SampleCreatorSource(organization, parser);
	}

	@Bean
	CredentialReportSource sampleCredentialReportSource(SampleOrganization organization, CredentialReportParser parser,
			JsonMapper json) {
		return new SampleCredentialReportSource(organization, parser, json);
	}

}
