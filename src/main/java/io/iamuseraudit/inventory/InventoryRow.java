package io.iamuseraudit.inventory;

import java.util.List;

/** What one row of the inventory turned out to be. */
public sealed interface InventoryRow {

	/**
	 * A live IAM user.
	 *
	 * @param problems parts of the row that could not be read (the user is kept)
	 */
	record LiveUser(IamUser user, List<String> problems) implements InventoryRow {
	}

	/** A configuration item of a deleted user: not audited. */
	record DeletedUser(String accountId, String userName) implements InventoryRow {
	}

	/** A row that could not be read; kept for the report. */
	record RejectedRow(long rowNumber, String accountId, String reason, String excerpt) implements InventoryRow {
	}

}
