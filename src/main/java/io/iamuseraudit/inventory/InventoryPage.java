package io.iamuseraudit.inventory;

import java.util.List;

/**
 * One page of inventory query results.
 *
 * @param results JSON documents, one per row, as {@code SelectAggregateResourceConfig}
 * returns them
 * @param nextToken token of the next page, {@code null} after the last one
 */
public record InventoryPage(List<String> results, String nextToken) {

	public boolean last() {
		return this.nextToken == null || this.nextToken.isEmpty();
	}

}
