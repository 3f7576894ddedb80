package io.iamuseraudit.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.iamuseraudit.inventory.InventoryRow;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes what the collect step read into the history: users once each, with the regions
 * of every row that reported them and the fields of the latest capture (idempotent, a
 * restart may write them again), unreadable rows for the report. Thread-safe.
 */
public class CollectedRowsWriter implements ItemWriter<InventoryRow> {

	private final LocalDate reportDate;

	private final AuditedUsers users;

	private final RejectedRows rejectedRows;

	public CollectedRowsWriter(LocalDate reportDate, AuditedUsers users, RejectedRows rejectedRows) {
		this.reportDate = reportDate;
		this.users = users;
		this.rejectedRows = rejectedRows;
	}

	@Override
	public void write(Chunk<? extends InventoryRow> chunk) {
		List<LiveUser> live = new ArrayList<>();
		List<RejectedRow> rejected = new ArrayList<>();
		for (InventoryRow row : chunk) {
			if (row instanceof LiveUser user) {
				live.add(user);
			}
			else if (row instanceof RejectedRow rejectedRow) {
				rejected.add(rejectedRow);
			}
		}
		this.users.upsert(this.reportDate, live);
		this.rejectedRows.add(this.reportDate, rejected);
	}

}
