package io.iamuseraudit;

import java.nio.file.Path;

import io.iamuseraudit.activity.FindingsProperties;
import io.iamuseraudit.attribution.OwnerProperties;
import io.iamuseraudit.aws.AwsProperties;
import io.iamuseraudit.delivery.ArchiveProperties;
import io.iamuseraudit.delivery.DeliveryProperties;
import io.iamuseraudit.delivery.EmailProperties;
import io.iamuseraudit.enrichment.EnrichmentProperties;
import io.iamuseraudit.history.HistoryProperties;
import io.iamuseraudit.inventory.SampleProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Everything under {@code audit.*}. Unknown keys are refused so that a misspelt property
 * stops the start instead of being silently ignored.
 */
@Validated
@ConfigurationProperties(prefix = "audit", ignoreUnknownFields = false)
public record AuditProperties(@NotNull @DefaultValue("sample") Source source,
		@NotNull @DefaultValue("run") Command command, @NotNull @DefaultValue("out") Path outputDir,
		@Valid @DefaultValue SampleProperties sample, @Valid @DefaultValue OwnerProperties owner,
		@Valid @DefaultValue FindingsProperties findings, @Valid @DefaultValue EnrichmentProperties enrichment,
		@Valid @DefaultValue AwsProperties aws, @Valid @DefaultValue ArchiveProperties archive,
		@Valid @DefaultValue EmailProperties email, @Valid @DefaultValue DeliveryProperties delivery,
		@Valid @DefaultValue HistoryProperties history) {

	/** Where the inventory, creators and activity come from. */
	public enum Source {

		/** The bundled sample organization: no AWS account needed. */
		SAMPLE,

		/** The organization's AWS Config aggregator, CloudTrail and IAM. */
		AWS

	}

	/** What this invocation does. */
	public enum Command {

		/** Run (or restart) the audit for a report date. */
		RUN,

		/** List past audits from the history database. */
		HISTORY

	}

	@AssertTrue(message = "audit.aws.config.aggregator-name is required when audit.source=aws")
	boolean isAggregatorNamedForAws() {
		return this.source != Source.AWS || this.aws.config().aggregatorName() != null;
	}

}
