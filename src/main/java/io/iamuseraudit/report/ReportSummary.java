package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.inventory.AggregatorSource;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;

/**
 * The numbers an audit's reader sees first, computed from the history database for the
 * PDF's first pages, the email and the run's summary.
 *
 * @param previousReportDate the audit compared with, {@code null} for a baseline
 * @param users live users (removed ones excluded)
 * @param highFindings high-severity findings over all users
 * @param newFindings findings that appeared since the previous audit
 * @param resolvedFindings findings that were resolved since the previous audit (those of
 * removed users included)
 * @param changedUsers new, removed and changed users, at most
 * {@link SummaryBuilder#USERS_LISTED}
 * @param highSeverityUsers users with a high-severity finding, at most
 * {@link SummaryBuilder#USERS_LISTED}
 * @param trend this audit and the completed ones before it, oldest first, at most
 * {@link ReportSummaries#TREND_POINTS}
 * @param warnings what keeps the audit from being complete
 * @param rootUsersAtRisk accounts whose root user has no MFA or has an active access key
 * @param aggregatorSources how fresh the Config aggregator's data was, per source (empty
 * for the sample)
 */
public record ReportSummary(LocalDate reportDate, String sourceDescription, boolean sampleData,
		LocalDate previousReportDate, int users, int accounts, int usersWithOwner, int highFindings,
		int usersWithHighFindings, int newFindings, int resolvedFindings, List<FindingCount> findingCounts,
		List<AccountSummary> accountSummaries, List<LabelCount> creatorKinds, List<LabelCount> changes,
		List<AuditedUser> changedUsers, List<AuditedUser> highSeverityUsers, List<TrendPoint> trend,
		List<AccountStatus> accountsNotFullyAudited, List<RejectedRow> rejectedRows, List<String> warnings,
		List<AggregatorSource> aggregatorSources, List<AccountStatus> rootUsersAtRisk) {

	public int ownerCoveragePercent() {
		return (this.users == 0) ? 100 : (int) Math.floor(100.0 * this.usersWithOwner / this.users);
	}

	public int changeCount(String label) {
		return this.changes.stream().filter(change -> change.label().equals(label)).mapToInt(LabelCount::count).sum();
	}

	/**
	 * How many users have a finding, and how many got or lost it since the previous
	 * audit.
	 */
	public record FindingCount(String code, String severity, String description, int users, int newSince,
			int resolvedSince) {
	}

	/** One account's line in the summary. */
	public record AccountSummary(String accountId, String accountName, int users, int withOwner, int high, int medium,
			int low, boolean fullyAudited) {
	}

	/** A label and a count, for tables and charts. */
	public record LabelCount(String label, int count) {
	}

	/** One audit's totals, for the trend chart. */
	public record TrendPoint(String reportDate, int users, int findings, int highFindings) {
	}

}
