package io.iamuseraudit.job;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.activity.CredentialReportParser;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.FindingsEvaluator;
import io.iamuseraudit.attribution.CreateUserEvents;
import io.iamuseraudit.attribution.CreatorAttribution;
import io.iamuseraudit.attribution.CreatorSource;
import io.iamuseraudit.attribution.KnownCreators;
import io.iamuseraudit.attribution.OwnerResolver;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.enrichment.AccountEnricher;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.inventory.InventoryRowParser;
import io.iamuseraudit.report.CsvReport;
import io.iamuseraudit.report.EvidenceFile;
import io.iamuseraudit.report.PdfReport;
import io.iamuseraudit.report.RenderReportsTasklet;
import io.iamuseraudit.report.ReportSummaries;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts of the audit that do not depend on where the data comes from or goes to. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

	@Bean
	String auditVersion(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		return (properties != null) ? properties.getVersion() : "development";
	}

	@Bean
	ApiCallCounter apiCallCounter() {
		return new ApiCallCounter();
	}

	@Bean
	InventoryRowParser inventoryRowParser(JsonMapper json) {
		return new InventoryRowParser(json);
	}

	@Bean
	CreateUserEvents createUserEvents(JsonMapper json) {
		return new CreateUserEvents(json);
	}

	@Bean
	CredentialReportParser credentialReportParser() {
		return new CredentialReportParser();
	}

	@Bean
	AccountEnricher accountEnricher(AuditProperties properties, KnownCreators knownCreators,
			CreatorSource creatorSource, CredentialReportSource credentialReports) {
		return new AccountEnricher(new OwnerResolver(properties.owner().tagKeys()),
				new CreatorAttribution(knownCreators, creatorSource), credentialReports,
				new FindingsEvaluator(properties.findings()));
	}

	@Bean
	RenderReportsTasklet renderReportsTasklet(AuditRuns runs, ReportSummaries summaries, JsonMapper json,
			String auditVersion, AuditProperties properties) {
		return new RenderReportsTasklet(runs, summaries, new CsvReport(json), new PdfReport(auditVersion),
				new EvidenceFile(json), properties.outputDir());
	}

}
