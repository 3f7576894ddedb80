package io.iamuseraudit.attribution;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.iamuseraudit.SqlTime;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * Creators found by earlier audits, kept in the history database so that later audits ask
 * AWS nothing about them (and know them after CloudTrail's 90 days). Thread-safe.
 */
@Component
public final class KnownCreators {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	public KnownCreators(JdbcTemplate jdbc, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactionManager);
	}

	/** Known creators of an account's users, by user id. */
	public Map<String, Creator> ofAccount(String accountId) {
		Map<String, Creator> creators = new HashMap<>();
		this.jdbc.query("""
				select user_id, creator, creator_type, creator_kind, detail, source, event_time
				from known_creator where account_id = ?""", (rs) -> {
			creators.put(rs.getString("user_id"),
					new Creator(rs.getString("creator"), CreatorType.valueOf(rs.getString("creator_type")),
							CreatorKind.valueOf(rs.getString("creator_kind")), rs.getString("detail"),
							SqlTime.get(rs, "event_time"), rs.getString("source")));
		}, accountId);
		return creators;
	}

	/** Remembers the known ones among the given creators. */
	public void remember(String accountId, Map<String, Creator> creators, LocalDate foundOn) {
		List<Object[]> rows = creators.entrySet()
			.stream()
			.filter(entry -> entry.getValue().known())
			.map(entry -> row(accountId, entry.getKey(), entry.getValue(), foundOn))
			.toList();
		if (rows.isEmpty()) {
			return;
		}
		// One commit for the account, not one per row: commits are what a file database
		// pays for.
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.batchUpdate("delete from known_creator where account_id = ? and user_id = ?",
					rows.stream().map(row -> new Object[] { row[0], row[1] }).toList());
			this.jdbc.batchUpdate("""
					insert into known_creator
					(account_id, user_id, creator, creator_type, creator_kind, detail, source, event_time, found_on)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		});
	}

	private static Object[] row(String accountId, String userId, Creator creator, LocalDate foundOn) {
		return new Object[] { accountId, userId, creator.principal(), creator.type().name(), creator.kind().name(),
				creator.detail(), Objects.requireNonNull(creator.source(), "source of a known creator"),
				SqlTime.of(creator.eventTime()), foundOn };
	}

}
