package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.Severity;
import io.iamuseraudit.attribution.CreatorKind;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Change;
import io.iamuseraudit.inventory.AggregatorSource;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;
import io.iamuseraudit.report.ReportSummary.AccountSummary;
import io.iamuseraudit.report.ReportSummary.FindingCount;
import io.iamuseraudit.report.ReportSummary.LabelCount;

/**
 * Accumulates an audit's users, one at a time, into its {@link ReportSummary}: memory grows
 * with accounts, not users. Not thread-safe.
 */
public final class SummaryBuilder {

	/** High-severity users listed by name in the summary; the CSV has them all. */
	public static final int HIGH_SEVERITY_LISTED = 200;

	private final Map<Finding, Integer> findings = new EnumMap<>(Finding.class);

	private final Map<String, int[]> accounts = new TreeMap<>();

	private final Map<String, String> accountNames = new TreeMap<>();

	private final Map<CreatorKind, Integer> creatorKinds = new EnumMap<>(CreatorKind.class);

	private final Map<String, Integer> changes = new LinkedHashMap<>();

	private final List<AuditedUser> highSeverityUsers = new ArrayList<>();

	private int users;

	private int usersWithOwner;

	private int highFindings;

	private int usersWithHighFindings;

	public SummaryBuilder() {
		for (Change change : Change.values()) {
			this.changes.put(change.name(), 0);
		}
	}

	public void add(AuditedUser user) {
		if (user.change() != null) {
			this.changes.merge(user.change().name(), 1, Integer::sum);
		}
		if (user.change() == Change.REMOVED) {
			return;
		}
		this.users++;
		String accountId = user.user().accountId();
		this.accountNames.put(accountId, user.accountName());
		int[] account = this.accounts.computeIfAbsent(accountId, key -> new int[5]);
		account[0]++;
		if (user.owner().known()) {
			this.usersWithOwner++;
			account[1]++;
		}
		this.creatorKinds.merge(user.creator().kind(), 1, Integer::sum);
		long high = user.findings().stream().filter(finding -> finding.severity() == Severity.HIGH).count();
		user.findings().forEach(finding -> this.findings.merge(finding, 1, Integer::sum));
		user.findings().forEach(finding -> account[2 + finding.severity().ordinal()]++);
		if (high > 0) {
			this.highFindings += (int) high;
			this.usersWithHighFindings++;
			if (this.highSeverityUsers.size() < HIGH_SEVERITY_LISTED) {
				this.highSeverityUsers.add(user);
			}
		}
	}

	public ReportSummary build(LocalDate reportDate, String sourceDescription, boolean sampleData,
			LocalDate previousReportDate, List<AccountStatus> statuses, List<RejectedRow> rejectedRows,
			List<String> warnings, List<AggregatorSource> aggregatorSources) {
		List<FindingCount> findingCounts = this.findings.entrySet()
			.stream()
			.map(entry -> new FindingCount(entry.getKey().name(), entry.getKey().severity().name(),
					entry.getKey().description(), entry.getValue()))
			.toList();
		List<AccountSummary> accountSummaries = this.accounts.entrySet()
			.stream()
			.map(entry -> accountSummary(entry.getKey(), entry.getValue(), statuses))
			.toList();
		List<LabelCount> kinds = this.creatorKinds.entrySet()
			.stream()
			.map(entry -> new LabelCount(kindLabel(entry.getKey()), entry.getValue()))
			.toList();
		List<LabelCount> changeCounts = this.changes.entrySet()
			.stream()
			.map(entry -> new LabelCount(entry.getKey(), entry.getValue()))
			.toList();
		return new ReportSummary(reportDate, sourceDescription, sampleData, previousReportDate, this.users,
				this.accounts.size(), this.usersWithOwner, this.highFindings, this.usersWithHighFindings,
				findingCounts, accountSummaries, kinds, changeCounts, List.copyOf(this.highSeverityUsers),
				statuses.stream().filter(status -> !status.fullyAudited()).toList(), rejectedRows, warnings,
				aggregatorSources);
	}

	private AccountSummary accountSummary(String accountId, int[] counts, List<AccountStatus> statuses) {
		boolean fullyAudited = statuses.stream()
			.filter(status -> status.accountId().equals(accountId))
			.allMatch(AccountStatus::fullyAudited);
		return new AccountSummary(accountId, this.accountNames.get(accountId), counts[0], counts[1], counts[2],
				counts[3], counts[4], fullyAudited);
	}

	private static String kindLabel(CreatorKind kind) {
		return switch (kind) {
			case PERSON -> "People";
			case AUTOMATION -> "Automation";
			case UNKNOWN -> "Unknown";
		};
	}

}
