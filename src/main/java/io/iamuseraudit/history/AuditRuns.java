package io.iamuseraudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.iamuseraudit.SqlTime;
import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.Severity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code audit_run} table: one row per audit (report date). Thread-safe. */
@Component
public class AuditRuns {

	private static final List<String> TABLES_BY_DATE = List.of("audited_user", "account_status", "rejected_row",
			"api_calls", "delivery", "aggregator_source", "audit_run");

	/** Counts a user's high-severity findings in SQL. */
	private static final String HIGH_FINDINGS = Arrays.stream(Finding.values())
		.filter(finding -> finding.severity() == Severity.HIGH)
		.map(finding -> "case when position('%s' in u.findings) > 0 then 1 else 0 end".formatted(finding.name()))
		.collect(Collectors.joining(" + "));

	private final JdbcTemplate jdbc;

	public AuditRuns(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records that an audit (re)started. A real audit replacing a dry run of its date
	 * does not count the dry run's API calls as its own; a restart keeps those of its
	 * earlier attempts.
	 */
	public void start(LocalDate reportDate, String source, String sourceDescription, long jobExecutionId) {
		this.jdbc.update("""
				delete from api_calls where report_date = ?
				and exists (select 1 from audit_run where report_date = ? and status = ?)""", reportDate, reportDate,
				AuditRun.DRY_RUN);
		int updated = this.jdbc.update(
				"""
						update audit_run set source = ?, source_description = ?, job_execution_id = ?, status = ?, ended_at = null
						where report_date = ?""",
				source, sourceDescription, jobExecutionId, AuditRun.RUNNING, reportDate);
		if (updated == 0) {
			this.jdbc.update(
					"""
							insert into audit_run (report_date, source, source_description, job_execution_id, status, started_at)
							values (?, ?, ?, ?, ?, ?)""",
					reportDate, source, sourceDescription, jobExecutionId, AuditRun.RUNNING, SqlTime.of(Instant.now()));
		}
	}

	public void comparedWith(LocalDate reportDate, LocalDate previousReportDate) {
		this.jdbc.update("update audit_run set previous_report_date = ? where report_date = ?", previousReportDate,
				reportDate);
	}

	/** Records how an audit ended, with its counts. */
	public void finish(LocalDate reportDate, String status, int warnings) {
		// One scan of the audit's users for the four counts.
		Map<String, Object> counts = this.jdbc.queryForMap("""
				select count(*) as users, count(distinct account_id) as accounts,
				coalesce(sum(%s), 0) as high_findings,
				coalesce(sum(case when u.findings = '' then 0
					else length(u.findings) - length(replace(u.findings, ';', '')) + 1 end), 0) as findings
				from audited_user u where u.report_date = ? and u.change is distinct from 'REMOVED'"""
			.formatted(HIGH_FINDINGS), reportDate);
		this.jdbc.update("""
				update audit_run set status = ?, ended_at = ?, warnings = ?, users = ?, accounts = ?,
				high_findings = ?, findings = ? where report_date = ?""", status, SqlTime.of(Instant.now()), warnings,
				count(counts, "users"), count(counts, "accounts"), count(counts, "high_findings"),
				count(counts, "findings"), reportDate);
	}

	private static int count(Map<String, Object> counts, String column) {
		return ((Number) counts.get(column)).intValue();
	}

	public Optional<AuditRun> find(LocalDate reportDate) {
		return this.jdbc.query("select * from audit_run where report_date = ?", (rs, row) -> run(rs), reportDate)
			.stream()
			.findFirst();
	}

	/** The latest completed audit before the given date. */
	public Optional<LocalDate> previousCompleted(LocalDate reportDate) {
		return Optional.ofNullable(this.jdbc.queryForObject(
				"select max(report_date) from audit_run where report_date < ? and status in (?, ?)", LocalDate.class,
				reportDate, AuditRun.COMPLETED, AuditRun.COMPLETED_WITH_WARNINGS));
	}

	/**
	 * Up to {@code limit} completed audits before a date, oldest first: the trend's
	 * points.
	 */
	public List<AuditRun> completedBefore(LocalDate reportDate, int limit) {
		List<AuditRun> runs = new ArrayList<>(this.jdbc.query("""
				select * from audit_run where report_date < ? and status in (?, ?)
				order by report_date desc fetch first %d rows only""".formatted(limit), (rs, row) -> run(rs),
				reportDate, AuditRun.COMPLETED, AuditRun.COMPLETED_WITH_WARNINGS));
		Collections.reverse(runs);
		return runs;
	}

	/** The most recent audits, newest first. */
	public List<AuditRun> recent(int limit) {
		return this.jdbc.query("select * from audit_run order by report_date desc fetch first " + limit + " rows only",
				(rs, row) -> run(rs));
	}

	/** Deletes audits older than the cutoff from the history; returns how many. */
	public int purgeBefore(LocalDate cutoff) {
		int audits = this.jdbc.queryForObject("select count(*) from audit_run where report_date < ?", Integer.class,
				cutoff);
		TABLES_BY_DATE.forEach(table -> this.jdbc.update("delete from " + table + " where report_date < ?", cutoff));
		return audits;
	}

	private static AuditRun run(ResultSet rs) throws SQLException {
		return new AuditRun(rs.getObject("report_date", LocalDate.class), rs.getString("source"),
				rs.getString("source_description"), rs.getObject("job_execution_id", Long.class),
				rs.getString("status"), SqlTime.get(rs, "started_at"), SqlTime.get(rs, "ended_at"),
				rs.getObject("previous_report_date", LocalDate.class), rs.getObject("users", Integer.class),
				rs.getObject("accounts", Integer.class), rs.getObject("high_findings", Integer.class),
				rs.getObject("findings", Integer.class), rs.getObject("warnings", Integer.class));
	}

}
