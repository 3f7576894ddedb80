package io.iamuseraudit.history;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.iamuseraudit.activity.Finding;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;

/**
 * Compares an audit with an earlier one: users {@code NEW}, {@code REMOVED} (kept as rows
 * with what was last known of them), {@code CHANGED} (owner, groups or attached policies,
 * said in {@code change_detail}) or {@code UNCHANGED}, and each user's findings that are
 * new or resolved (a removed user resolves all of its findings). Users are matched by
 * account and user id, so a user re-created under the same name is new. Running it again
 * gives the same result.
 */
@Component
public class ChangeDetector {

	private static final int BATCH = 1000;

	private static final String LIVE = "change is distinct from 'REMOVED'";

	private final JdbcTemplate jdbc;

	private final ObjectReader stringList;

	public ChangeDetector(JdbcTemplate jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.stringList = json.readerFor(new TypeReference<List<String>>() {
		});
	}

	public void compare(LocalDate reportDate, LocalDate previous) {
		this.jdbc.update("delete from audited_user where report_date = ? and change = 'REMOVED'", reportDate);
		this.jdbc.update("""
				update audited_user set change = null, change_detail = null, findings_new = '', findings_resolved = ''
				where report_date = ? and (change is not null or findings_new <> '' or findings_resolved <> '')""",
				reportDate);
		if (previous == null) {
			return;
		}
		this.jdbc.update("""
				update audited_user set change = 'NEW', findings_new = findings where report_date = ? and not exists (
				select 1 from audited_user p where p.report_date = ? and p.account_id = audited_user.account_id
				and p.user_id = audited_user.user_id and p.%s)""".formatted(LIVE), reportDate, previous);
		compareUsersInBoth(reportDate, previous);
		this.jdbc.update("""
				insert into audited_user (report_date, account_id, user_id, user_name, arn, path, created_at, regions,
				tags, group_names, attached_policies, inline_policies, owner, owner_source, creator, creator_type,
				creator_kind, creator_detail, activity_status, password_enabled, password_last_used, mfa_active,
				access_key_1_active, access_key_1_last_rotated, access_key_1_last_used, access_key_2_active,
				access_key_2_last_rotated, access_key_2_last_used, last_activity, days_inactive, findings,
				findings_resolved, change, change_detail, inventory_notes, enrichment_notes)
				select ?, account_id, user_id, user_name, arn, path, created_at, regions, tags, group_names,
				attached_policies, inline_policies, owner, owner_source, creator, creator_type, creator_kind,
				creator_detail, activity_status, password_enabled, password_last_used, mfa_active, access_key_1_active,
				access_key_1_last_rotated, access_key_1_last_used, access_key_2_active, access_key_2_last_rotated,
				access_key_2_last_used, last_activity, days_inactive, findings, findings, 'REMOVED', ?,
				inventory_notes, enrichment_notes
				from audited_user p where p.report_date = ? and p.%s and not exists (
				select 1 from audited_user c where c.report_date = ? and c.account_id = p.account_id
				and c.user_id = p.user_id)""".formatted(LIVE), reportDate, "last seen in the audit of " + previous,
				previous, reportDate);
	}

	private void compareUsersInBoth(LocalDate reportDate, LocalDate previous) {
		List<Object[]> updates = new ArrayList<>();
		this.jdbc.query("""
				select c.account_id, c.user_id, c.owner, p.owner as previous_owner, c.group_names,
				p.group_names as previous_groups, c.attached_policies, p.attached_policies as previous_policies,
				c.findings, p.findings as previous_findings
				from audited_user c join audited_user p on p.report_date = ? and p.account_id = c.account_id
				and p.user_id = c.user_id and p.%s
				where c.report_date = ? and c.change is null""".formatted(LIVE),
				(RowCallbackHandler) (rs) -> updates.add(comparison(rs, reportDate)), previous, reportDate);
		for (int from = 0; from < updates.size(); from += BATCH) {
			this.jdbc.batchUpdate("""
					update audited_user set change = ?, change_detail = ?, findings_new = ?, findings_resolved = ?
					where report_date = ? and account_id = ? and user_id = ?""",
					updates.subList(from, Math.min(from + BATCH, updates.size())));
		}
	}

	private Object[] comparison(ResultSet rs, LocalDate reportDate) throws SQLException {
		List<String> differences = new ArrayList<>();
		if (!Objects.equals(rs.getString("owner"), rs.getString("previous_owner"))) {
			differences
				.add("owner: %s → %s".formatted(orNone(rs.getString("previous_owner")), orNone(rs.getString("owner"))));
		}
		listDifference("groups", rs.getString("previous_groups"), rs.getString("group_names"), differences);
		listDifference("policies", rs.getString("previous_policies"), rs.getString("attached_policies"), differences);
		List<Finding> findings = Finding.split(rs.getString("findings"));
		List<Finding> previousFindings = Finding.split(rs.getString("previous_findings"));
		return new Object[] { differences.isEmpty() ? Change.UNCHANGED.name() : Change.CHANGED.name(),
				differences.isEmpty() ? null : String.join("; ", differences),
				Finding.join(without(findings, previousFindings)), Finding.join(without(previousFindings, findings)),
				reportDate, rs.getString("account_id"), rs.getString("user_id") };
	}

	private void listDifference(String label, String before, String after, List<String> differences) {
		Set<String> removed = new LinkedHashSet<>(strings(before));
		Set<String> added = new LinkedHashSet<>(strings(after));
		removed.removeAll(strings(after));
		added.removeAll(strings(before));
		List<String> parts = new ArrayList<>();
		added.forEach(name -> parts.add("+" + name));
		removed.forEach(name -> parts.add("-" + name));
		if (!parts.isEmpty()) {
			differences.add(label + ": " + String.join(" ", parts));
		}
	}

	private List<String> strings(String json) {
		return this.stringList.readValue(json);
	}

	private static List<Finding> without(List<Finding> findings, List<Finding> others) {
		return findings.stream().filter(finding -> !others.contains(finding)).toList();
	}

	private static String orNone(String owner) {
		return (owner != null) ? owner : "(none)";
	}

}
