package io.iamuseraudit.history;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.Printable;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code rejected_row} table: inventory rows an audit could not read. Thread-safe.
 */
@Component
public class RejectedRows {

	private final JdbcTemplate jdbc;

	public RejectedRows(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void deleteAudit(LocalDate reportDate) {
		this.jdbc.update("delete from rejected_row where report_date = ?", reportDate);
	}

	public void add(LocalDate reportDate, List<RejectedRow> rows) {
		this.jdbc.batchUpdate(
				"insert into rejected_row (report_date, row_number, account_id, reason, excerpt) values (?, ?, ?, ?, ?)",
				rows.stream()
					.map(row -> new Object[] { reportDate, row.rowNumber(), row.accountId(),
							Printable.cut(row.reason(), 1000), Printable.cut(row.excerpt(), 1000) })
					.toList());
	}

	public List<RejectedRow> all(LocalDate reportDate) {
		return this.jdbc.query("select * from rejected_row where report_date = ? order by row_number",
				(rs, row) -> new RejectedRow(rs.getLong("row_number"), rs.getString("account_id"),
						rs.getString("reason"), rs.getString("excerpt")),
				reportDate);
	}

}
