package io.iamuseraudit.enrichment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.enrichment.*}.
 *
 * @param concurrency accounts enriched at the same time. Each account's own API quotas
 * are respected separately, so this bounds threads and connections, not AWS rates; and
 * enrichment mostly waits (for IAM to generate a credential report, for CloudTrail's
 * quota), so it can be far above the number of cores
 */
public record EnrichmentProperties(@Min(1) @Max(512) @DefaultValue("64") int concurrency) {
}
