package io.iamuseraudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.iamuseraudit.SqlTime;
import io.iamuseraudit.activity.AccessKey;
import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.CreatorKind;
import io.iamuseraudit.attribution.CreatorType;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.Tag;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code audited_user} table: every user of every audit. Thread-safe. */
@Component
public class AuditedUsers {

	private static final String NOTE_SEPARATOR = "; ";

	/** What the inventory says of a user, written by the collect step. */
	private static final List<String> INVENTORY_COLUMNS = List.of("user_name", "arn", "path", "created_at", "regions",
			"tags", "group_names", "attached_policies", "inline_policies", "inventory_notes", "captured_at");

	private static final String SELECT = """
			select u.*, coalesce(a.account_name, u.account_id) as account_name
			from audited_user u
			left join account_status a on a.report_date = u.report_date and a.account_id = u.account_id
			""";

	private final JdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate named;

	private final JsonMapper json;

	private final ObjectReader tagList;

	private final ObjectReader stringList;

	public AuditedUsers(DataSource dataSource, JsonMapper json) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.setFetchSize(1000);
		this.named = new NamedParameterJdbcTemplate(this.jdbc);
		this.json = json;
		this.tagList = json.readerFor(new TypeReference<List<Tag>>() {
		});
		this.stringList = json.readerFor(new TypeReference<List<String>>() {
		});
	}

	/**
	 * Forgets what an unfinished collection of this audit wrote, so that it can start
	 * over.
	 */
	public void deleteAudit(LocalDate reportDate) {
		this.jdbc.update("delete from audited_user where report_date = ?", reportDate);
	}

	/**
	 * Adds the users, once each: a user reported again (by another region's recorder, in
	 * this list or an earlier one) adds its regions, and its fields replace the stored
	 * ones when it was captured later.
	 */
	public void upsert(LocalDate reportDate, List<LiveUser> users) {
		Map<UserKey, LiveUser> merged = new LinkedHashMap<>();
		users.forEach((live) -> merged.merge(UserKey.of(live.user()), live, LiveUser::merge));
		Map<UserKey, Stored> stored = stored(reportDate, merged.keySet());
		List<Object[]> inserts = new ArrayList<>();
		List<Object[]> replaced = new ArrayList<>();
		List<Object[]> regionsAdded = new ArrayList<>();
		merged.forEach((key, live) -> {
			Stored existing = stored.get(key);
			if (existing == null) {
				inserts.add(insertRow(reportDate, live));
				return;
			}
			List<String> regions = LiveUser.union(existing.regions(), live.user().regions());
			if (live.isCapturedAfter(existing.capturedAt())) {
				replaced.add(replaceRow(reportDate, live.withRegions(regions)));
			}
			else if (!existing.regions().equals(regions)) {
				regionsAdded.add(new Object[] { String.join(",", regions), reportDate, key.accountId(), key.userId() });
			}
		});
		this.jdbc.batchUpdate("insert into audited_user (report_date, account_id, user_id, %s) values (?, ?, ?, %s)"
			.formatted(String.join(", ", INVENTORY_COLUMNS),
					String.join(", ", Collections.nCopies(INVENTORY_COLUMNS.size(), "?"))),
				inserts);
		this.jdbc.batchUpdate(
				"update audited_user set %s where report_date = ? and account_id = ? and user_id = ?".formatted(
						INVENTORY_COLUMNS.stream().map((column) -> column + " = ?").collect(Collectors.joining(", "))),
				replaced);
		this.jdbc.batchUpdate(
				"update audited_user set regions = ? where report_date = ? and account_id = ? and user_id = ?",
				regionsAdded);
	}

	private Map<UserKey, Stored> stored(LocalDate reportDate, Set<UserKey> keys) {
		Map<UserKey, Stored> stored = new HashMap<>();
		if (keys.isEmpty()) {
			return stored;
		}
		// The account range lets the primary key narrow the search: the query orders rows
		// by account, so a chunk holds a few neighbouring accounts. (With user_id alone
		// every chunk would scan all the users stored so far.)
		List<String> accounts = keys.stream().map(UserKey::accountId).sorted().toList();
		this.named.query("""
				select account_id, user_id, regions, captured_at from audited_user
				where report_date = :reportDate and account_id between :firstAccount and :lastAccount
				and user_id in (:userIds)""",
				Map.of("reportDate", reportDate, "firstAccount", accounts.get(0), "lastAccount",
						accounts.get(accounts.size() - 1), "userIds",
						keys.stream().map(UserKey::userId).distinct().toList()),
				(RowCallbackHandler) (rs) -> {
					UserKey key = new UserKey(rs.getString("account_id"), rs.getString("user_id"));
					if (keys.contains(key)) {
						stored.put(key, new Stored(regions(rs.getString("regions")), SqlTime.get(rs, "captured_at")));
					}
				});
		return stored;
	}

	private Object[] insertRow(LocalDate reportDate, LiveUser live) {
		return Stream.concat(Stream.of(reportDate, live.user().accountId(), live.user().userId()), fields(live))
			.toArray();
	}

	private Object[] replaceRow(LocalDate reportDate, LiveUser live) {
		return Stream.concat(fields(live), Stream.of(reportDate, live.user().accountId(), live.user().userId()))
			.toArray();
	}

	/** The columns of {@link #INVENTORY_COLUMNS}, in order. */
	private Stream<Object> fields(LiveUser live) {
		IamUser user = live.user();
		return Stream.of(user.userName(), user.arn(), user.path(), SqlTime.of(user.createdAt()), region(user),
				this.json.writeValueAsString(user.tags()), this.json.writeValueAsString(user.groups()),
				this.json.writeValueAsString(user.attachedPolicies()),
				this.json.writeValueAsString(user.inlinePolicies()), String.join(NOTE_SEPARATOR, live.problems()),
				SqlTime.of(live.capturedAt()));
	}

	private static List<String> regions(String column) {
		return Arrays.stream(column.split(",")).filter((region) -> !region.isEmpty()).toList();
	}

	private static String region(IamUser user) {
		return String.join(",", user.regions());
	}

	/** Live users of an audit (removed ones not counted). */
	public int count(LocalDate reportDate) {
		return this.jdbc.queryForObject(
				"select count(*) from audited_user where report_date = ? and change is distinct from 'REMOVED'",
				Integer.class, reportDate);
	}

	/** The users of an account as the inventory reported them. */
	public List<IamUser> ofAccount(LocalDate reportDate, String accountId) {
		return this.jdbc.query("""
				select * from audited_user where report_date = ? and account_id = ?
				and change is distinct from 'REMOVED' order by user_id""", (rs, row) -> iamUser(rs), reportDate,
				accountId);
	}

	/** Stores what enrichment found (the notes given are the enrichment's own). */
	public void enrich(LocalDate reportDate, List<AuditedUser> users) {
		this.jdbc.batchUpdate("""
				update audited_user set owner = ?, owner_source = ?, creator = ?, creator_type = ?, creator_kind = ?,
				creator_detail = ?, activity_status = ?, password_enabled = ?, password_last_used = ?, mfa_active = ?,
				access_key_1_active = ?, access_key_1_last_rotated = ?, access_key_1_last_used = ?,
				access_key_2_active = ?, access_key_2_last_rotated = ?, access_key_2_last_used = ?,
				last_activity = ?, days_inactive = ?, findings = ?, enrichment_notes = ?
				where report_date = ? and account_id = ? and user_id = ?""",
				users.stream().map(user -> enrichmentRow(reportDate, user)).toList());
	}

	private static Object[] enrichmentRow(LocalDate reportDate, AuditedUser audited) {
		Creator creator = audited.creator();
		UserActivity activity = audited.activity();
		return new Object[] { audited.owner().name(), audited.owner().tagKey(), creator.principal(),
				creator.type().name(), creator.kind().name(), creator.detail(), activity.status().name(),
				activity.passwordEnabled(), SqlTime.of(activity.passwordLastUsed()), activity.mfaActive(),
				activity.accessKey1().active(), SqlTime.of(activity.accessKey1().lastRotated()),
				SqlTime.of(activity.accessKey1().lastUsed()), activity.accessKey2().active(),
				SqlTime.of(activity.accessKey2().lastRotated()), SqlTime.of(activity.accessKey2().lastUsed()),
				SqlTime.of(activity.lastActivity()), activity.daysInactive(), Finding.join(audited.findings()),
				String.join(NOTE_SEPARATOR, audited.notes()), reportDate, audited.user().accountId(),
				audited.user().userId() };
	}

	/**
	 * Streams the users of an audit, by account and user name, without holding them all
	 * in memory (PostgreSQL streams only inside a transaction, as the steps run).
	 */
	public <T> T stream(LocalDate reportDate, Function<Stream<AuditedUser>, T> consumer) {
		try (Stream<AuditedUser> users = this.jdbc.queryForStream(
				SELECT + " where u.report_date = ? order by u.account_id, lower(u.user_name), u.user_id",
				this::auditedUser, reportDate)) {
			return consumer.apply(users);
		}
	}

	/** The users of an audit, all in memory: for small audits and tests. */
	public List<AuditedUser> all(LocalDate reportDate) {
		return stream(reportDate, Stream::toList);
	}

	private AuditedUser auditedUser(ResultSet rs, int row) throws SQLException {
		List<String> notes = Stream.of(rs.getString("inventory_notes"), rs.getString("enrichment_notes"))
			.filter(note -> note != null && !note.isEmpty())
			.flatMap(note -> Arrays.stream(note.split(NOTE_SEPARATOR)))
			.toList();
		return new AuditedUser(iamUser(rs), rs.getString("account_name"), owner(rs), creator(rs), activity(rs),
				Finding.split(rs.getString("findings")), comparison(rs), notes);
	}

	private IamUser iamUser(ResultSet rs) throws SQLException {
		return new IamUser(rs.getString("account_id"), rs.getString("user_id"), rs.getString("user_name"),
				rs.getString("arn"), rs.getString("path"), SqlTime.get(rs, "created_at"),
				this.tagList.readValue(rs.getString("tags")), strings(rs, "group_names"),
				strings(rs, "attached_policies"), strings(rs, "inline_policies"), regions(rs.getString("regions")));
	}

	private List<String> strings(ResultSet rs, String column) throws SQLException {
		return this.stringList.readValue(rs.getString(column));
	}

	private static Comparison comparison(ResultSet rs) throws SQLException {
		String change = rs.getString("change");
		return new Comparison((change != null) ? Change.valueOf(change) : null, rs.getString("change_detail"),
				Finding.split(rs.getString("findings_new")), Finding.split(rs.getString("findings_resolved")));
	}

	private static Owner owner(ResultSet rs) throws SQLException {
		String name = rs.getString("owner");
		return (name != null) ? new Owner(name, rs.getString("owner_source")) : Owner.NONE;
	}

	private static Creator creator(ResultSet rs) throws SQLException {
		String type = rs.getString("creator_type");
		if (type == null) {
			return Creator.unknown("not looked up");
		}
		return new Creator(rs.getString("creator"), CreatorType.valueOf(type),
				CreatorKind.valueOf(rs.getString("creator_kind")), rs.getString("creator_detail"), null, null);
	}

	private static UserActivity activity(ResultSet rs) throws SQLException {
		String status = rs.getString("activity_status");
		if (status == null) {
			return UserActivity.unknown(ActivityStatus.UNAVAILABLE);
		}
		return new UserActivity(ActivityStatus.valueOf(status), bool(rs, "password_enabled"),
				SqlTime.get(rs, "password_last_used"), bool(rs, "mfa_active"), accessKey(rs, 1), accessKey(rs, 2),
				SqlTime.get(rs, "last_activity"), (Integer) rs.getObject("days_inactive", Integer.class));
	}

	private static AccessKey accessKey(ResultSet rs, int number) throws SQLException {
		String prefix = "access_key_" + number + "_";
		return new AccessKey(Boolean.TRUE.equals(bool(rs, prefix + "active")), SqlTime.get(rs, prefix + "last_rotated"),
				SqlTime.get(rs, prefix + "last_used"));
	}

	private record UserKey(String accountId, String userId) {

		static UserKey of(IamUser user) {
			return new UserKey(user.accountId(), user.userId());
		}

	}

	/** What an earlier chunk stored of a user. */
	private record Stored(List<String> regions, Instant capturedAt) {
	}

	private static Boolean bool(ResultSet rs, String column) throws SQLException {
		return rs.getObject(column, Boolean.class);
	}

}
