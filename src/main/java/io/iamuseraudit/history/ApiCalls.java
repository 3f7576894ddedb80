package io.iamuseraudit.history;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * The {@code api_calls} table: AWS API calls an audit made, per service and account (the
 * account is empty for calls of the delegated admin account itself). Thread-safe.
 */
@Component
public class ApiCalls {

	private final JdbcTemplate jdbc;

	public ApiCalls(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Adds calls, by service, to an account's count. */
	public void add(LocalDate reportDate, String accountId, Map<String, Integer> callsByService) {
		callsByService.forEach((service, calls) -> {
			int updated = this.jdbc.update(
					"update api_calls set calls = calls + ? where report_date = ? and service = ? and account_id = ?",
					calls, reportDate, service, accountId);
			if (updated == 0) {
				this.jdbc.update("insert into api_calls (report_date, service, account_id, calls) values (?, ?, ?, ?)",
						reportDate, service, accountId, calls);
			}
		});
	}

	/** Calls per service, over all accounts. */
	public Map<String, Integer> byService(LocalDate reportDate) {
		Map<String, Integer> calls = new java.util.TreeMap<>();
		this.jdbc.query("select service, sum(calls) as calls from api_calls where report_date = ? group by service",
				(rs) -> {
					calls.put(rs.getString("service"), rs.getInt("calls"));
				}, reportDate);
		return calls;
	}

	/**
	 * Calls by account (the job's own under {@code ""}), then by service; both sorted.
	 */
	public Map<String, Map<String, Integer>> byAccountAndService(LocalDate reportDate) {
		Map<String, Map<String, Integer>> calls = new TreeMap<>();
		this.jdbc.query("select account_id, service, calls from api_calls where report_date = ?",
				(RowCallbackHandler) (rs) -> calls.computeIfAbsent(rs.getString("account_id"), (key) -> new TreeMap<>())
					.put(rs.getString("service"), rs.getInt("calls")),
				reportDate);
		return calls;
	}

}
