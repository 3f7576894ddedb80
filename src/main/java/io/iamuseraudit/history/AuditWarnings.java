package io.iamuseraudit.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What keeps an audit from being complete: rows that could not be read, accounts not
 * fully audited, users with unreadable fields, aggregator sources that are FAILED or
 * OUTDATED (the inventory of those accounts may be stale). Any of them makes the run end
 * with exit code 3. Thread-safe.
 */
@Component
public class AuditWarnings {

	private final JdbcTemplate jdbc;

	public AuditWarnings(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public List<String> of(LocalDate reportDate) {
		List<String> warnings = new ArrayList<>();
		add(warnings, "select count(*) from rejected_row where report_date = ?", reportDate,
				"%,d inventory row(s) could not be read");
		add(warnings, "select count(*) from account_status where report_date = ? and not fully_audited", reportDate,
				"%,d account(s) not fully audited");
		add(warnings, """
				select count(*) from audited_user where report_date = ? and inventory_notes <> ''
				and change is distinct from 'REMOVED'""", reportDate, "%,d user(s) with unreadable inventory fields");
		add(warnings, "select count(*) from aggregator_source where report_date = ? and status <> 'SUCCEEDED'",
				reportDate, "%,d Config aggregator source(s) FAILED or OUTDATED: their users may be missing or stale");
		return warnings;
	}

	private void add(List<String> warnings, String countQuery, LocalDate reportDate, String message) {
		int count = this.jdbc.queryForObject(countQuery, Integer.class, reportDate);
		if (count > 0) {
			warnings.add(message.formatted(count));
		}
	}

}
