package io.iamuseraudit.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code delivery} table: what each audit archived and emailed, so that a restart or
 * a second cron run does not deliver twice. Thread-safe.
 */
@Component
public class DeliveryLog {

	static final String ARCHIVE = "archive";

	static final String EMAIL = "email";

	private final JdbcTemplate jdbc;

	public DeliveryLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void archived(LocalDate reportDate, ArchivedObject object) {
		record(reportDate, ARCHIVE, object.key(), object.sha256(), object.size(), object.location());
	}

	public void emailed(LocalDate reportDate, String messageId, String detail) {
		record(reportDate, EMAIL, messageId, null, null, detail);
	}

	/** Emails sent for an audit, oldest first (their ids). */
	public List<String> emails(LocalDate reportDate) {
		return this.jdbc.queryForList(
				"select item from delivery where report_date = ? and channel = ? order by delivered_at", String.class,
				reportDate, EMAIL);
	}

	/** What an audit delivered, one line each, for the run's summary. */
	public List<String> describe(LocalDate reportDate) {
		return this.jdbc.query(
				"select channel, item, detail from delivery where report_date = ? order by channel, delivered_at, item",
				(rs, row) -> ARCHIVE.equals(rs.getString("channel")) ? "archived " + rs.getString("detail")
						: "emailed " + rs.getString("item"),
				reportDate);
	}

	private void record(LocalDate reportDate, String channel, String item, String sha256, Long size, String detail) {
		this.jdbc.update("delete from delivery where report_date = ? and channel = ? and item = ?", reportDate, channel,
				item);
		this.jdbc.update("""
				insert into delivery (report_date, channel, item, sha256, size_bytes, delivered_at, detail)
				values (?, ?, ?, ?, ?, ?, ?)""", reportDate, channel, item, sha256, size, SqlTime.of(Instant.now()),
				detail);
	}

}
