package io.iamuseraudit.inventory;

import java.util.List;

/**
 * Where the organization's IAM users are listed: the sample files or the Config
 * aggregator.
 */
public interface InventorySource {

	/**
	 * Fetches one page of the inventory query.
	 * @param nextToken {@code null} for the first page
	 */
	InventoryPage fetchPage(String nextToken);

	/**
	 * Says where the data comes from, for the reports ("AWS Config aggregator X
	 * (us-east-1), query jobs/iam-users.sql").
	 */
	String description();

	/**
	 * How fresh the aggregated data is, per source; empty when the source cannot tell
	 * (the sample, or a caller not allowed to ask).
	 */
	default List<AggregatorSource> aggregatorSources() {
		return List.of();
	}

}
