package io.iamuseraudit.enrichment;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.enrichment.*}.
 *
 * @param concurrency accounts enriched at the same time; each account's own API quotas
 * are respected separately, so this bounds threads and connections, not AWS rates
 */
public record EnrichmentProperties(@Min(1) @Max(256) @DefaultValue("16") int concurrency) {
}
