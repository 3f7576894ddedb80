package io.iamuseraudit.activity;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.iamuseraudit.inventory.IamUser;

/**
 * Joins an account's inventory users to its credential report: by ARN, by user name when
 * the ARN is not in the report. Rows on one side only are reported, never merged. Not
 * thread-safe.
 */
public final class ActivityJoin {

	private final CredentialReport report;

	private final Map<String, CredentialReportRow> byArn = new HashMap<>();

	private final Map<String, CredentialReportRow> byName = new HashMap<>();

	private final Set<CredentialReportRow> matched = new HashSet<>();

	public ActivityJoin(CredentialReport report) {
		this.report = report;
		for (CredentialReportRow row : report.users()) {
			this.byArn.putIfAbsent(row.arn(), row);
			this.byName.putIfAbsent(row.user(), row);
		}
	}

	public UserActivity activityOf(IamUser user, LocalDate reportDate) {
		CredentialReportRow row = this.byArn.get(user.arn());
		if (row == null) {
			row = this.byName.get(user.userName());
		}
		if (row == null) {
			return UserActivity.unknown(ActivityStatus.NOT_IN_CREDENTIAL_REPORT);
		}
		this.matched.add(row);
		return UserActivity.of(row, user.createdAt(), reportDate);
	}

	/**
	 * Users in the report that no inventory user matched (created since the inventory
	 * last synced).
	 */
	public List<String> unmatchedReportUsers() {
		return this.report.users()
			.stream()
			.filter(row -> !this.matched.contains(row))
			.map(CredentialReportRow::user)
			.toList();
	}

}
