package io.iamuseraudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.iamuseraudit.Printable;
import io.iamuseraudit.SqlTime;
import io.iamuseraudit.account.MemberAccount;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code account_status} table: what each audit could read of each account.
 * Thread-safe.
 */
@Component
public class AccountStatuses {

	private static final String SEPARATOR = "\n";

	private static final int MAX_PROBLEM = 1000;

	/** The {@code problems} column's size. */
	private static final int MAX_PROBLEMS = 4000;

	private final JdbcTemplate jdbc;

	public AccountStatuses(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	public void deleteAudit(LocalDate reportDate) {
		this.jdbc.update("delete from account_status where report_date = ?", reportDate);
	}

	/**
	 * Lists the audit's accounts (once: a restarted enrichment keeps what it had) and
	 * returns those not enriched yet.
	 */
	public List<MemberAccount> registerAndListPending(LocalDate reportDate, Map<String, String> accountNames) {
		this.jdbc.update(
				"""
						insert into account_status (report_date, account_id, account_name, users)
						select report_date, account_id, account_id, count(*) from audited_user u
						where report_date = ? and change is distinct from 'REMOVED'
						and not exists (select 1 from account_status a where a.report_date = u.report_date and a.account_id = u.account_id)
						group by report_date, account_id""",
				reportDate);
		this.jdbc.batchUpdate("update account_status set account_name = ? where report_date = ? and account_id = ?",
				accountNames.entrySet()
					.stream()
					.map(entry -> new Object[] { entry.getValue(), reportDate, entry.getKey() })
					.toList());
		return this.jdbc.query(
				"select account_id, account_name from account_status where report_date = ? and not enriched order by users desc, account_id",
				(rs, row) -> new MemberAccount(rs.getString("account_id"), rs.getString("account_name")), reportDate);
	}

	/**
	 * Records what enrichment could read of the account, and that it is enriched. An
	 * account enriched while the inventory is still read is not registered yet: it is
	 * then added, named by its id until {@link #registerAndListPending} names it.
	 */
	public void complete(LocalDate reportDate, AccountStatus status) {
		Object[] values = { status.users(), status.fullyAudited(), problems(status.problems()), status.rootMfaActive(),
				status.rootActiveKeys(), SqlTime.of(status.credentialReportAt()),
				String.join(SEPARATOR, status.unmatchedReportUsers()), reportDate, status.accountId() };
		if (this.jdbc.update(
				"""
						update account_status set enriched = true, users = ?, fully_audited = ?, problems = ?, root_mfa_active = ?,
						root_active_keys = ?, credential_report_at = ?, unmatched_report_users = ?
						where report_date = ? and account_id = ?""",
				values) == 0) {
			Object[] named = Arrays.copyOf(values, values.length + 1);
			named[values.length] = status.accountId();
			this.jdbc.update("""
					insert into account_status (users, fully_audited, problems, root_mfa_active, root_active_keys,
					credential_report_at, unmatched_report_users, report_date, account_id, account_name, enriched)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""", named);
		}
	}

	/**
	 * Problems are stored one a line: each is made one line (AWS messages may hold line
	 * breaks) and cut, so that they fit the column.
	 */
	private static String problems(List<String> problems) {
		return Printable.cut(problems.stream()
			.map((problem) -> Printable.cut(problem.replaceAll("\\s+", " ").strip(), MAX_PROBLEM))
			.collect(Collectors.joining(SEPARATOR)), MAX_PROBLEMS);
	}

	public List<AccountStatus> all(LocalDate reportDate) {
		return this.jdbc.query("select * from account_status where report_date = ? order by account_id",
				(rs, row) -> status(rs), reportDate);
	}

	private static AccountStatus status(ResultSet rs) throws SQLException {
		return new AccountStatus(rs.getString("account_id"), rs.getString("account_name"), rs.getInt("users"),
				rs.getBoolean("fully_audited"), lines(rs.getString("problems")),
				rs.getObject("root_mfa_active", Boolean.class), rs.getObject("root_active_keys", Integer.class),
				SqlTime.get(rs, "credential_report_at"), lines(rs.getString("unmatched_report_users")));
	}

	private static List<String> lines(String text) {
		return (text == null || text.isEmpty()) ? List.of() : Arrays.asList(text.split(SEPARATOR));
	}

}
