package io.iamuseraudit.inventory;

import java.util.List;

/**
 * Serves the sample organization's inventory in pages of 100 rows with opaque next
 * tokens, as {@code SelectAggregateResourceConfig} does. Thread-safe.
 */
public final class SampleInventorySource implements InventorySource {

	static final int PAGE_SIZE = 100;

	private final SampleOrganization organization;

	public SampleInventorySource(SampleOrganization organization) {
		this.organization = organization;
	}

	@Override
	public InventoryPage fetchPage(String nextToken) {
		List<String> rows = this.organization.inventoryRows();
		int from = (nextToken != null) ? Integer.parseInt(nextToken) : 0;
		int to = Math.min(from + PAGE_SIZE, rows.size());
		return new InventoryPage(rows.subList(from, to), (to < rows.size()) ? String.valueOf(to) : null);
	}

	@Override
	public String description() {
		return this.organization.description();
	}

}
