package io.iamuseraudit.inventory;

import java.time.Instant;

/**
 * How fresh one source account or region of the Config aggregator is
 * ({@code DescribeConfigurationAggregatorSourcesStatus}).
 *
 * @param status {@code SUCCEEDED}, {@code FAILED} or {@code OUTDATED}
 * @param lastUpdatedAt when the aggregator last collected from it
 * @param error the last error, when it failed
 */
public record AggregatorSource(String sourceId, String sourceType, String region, String status, Instant lastUpdatedAt,
		String error) {

	/** FAILED or OUTDATED: the inventory of that source may be stale. */
	public boolean stale() {
		return !"SUCCEEDED".equals(this.status);
	}

}
