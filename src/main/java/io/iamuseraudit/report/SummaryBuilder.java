package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

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
import io.iamuseraudit.report.ReportSummary.TrendPoint;

/**
 * Accumulates an audit's users, one at a time, into its {@link ReportSummary}: memory
 * grows with accounts, not users. Not thread-safe.
 */
public final class SummaryBuilder {

	/**
	 * Users listed by name in the summary (changed ones, high-severity ones); the CSV has
	 * them all.
	 */
	public static final int USERS_LISTED = 200;

	private static final int USERS = 0;

	private static final int WITH_OWNER = 1;

	private static final int BY_SEVERITY = 2;

	private final Map<Finding, int[]> findings = new EnumMap<>(Finding.class);

	private final Map<String, int[]> accounts = new TreeMap<>();

	private final Map<String, String> accountNames = new TreeMap<>();

	private final Map<CreatorKind, Integer> creatorKinds = new EnumMap<>(CreatorKind.class);

	private final Map<String, Integer> changes = new LinkedHashMap<>();

	private final List<AuditedUser> changedUsers = new ArrayList<>();

	private final List<AuditedUser> highSeverityUsers = new ArrayList<>();

	private int users;

	private int usersWithOwner;

	private int findingTotal;

	private int highFindings;

	private int usersWithHighFindings;

	private int newFindings;

	private int resolvedFindings;

	public SummaryBuilder() {
		Arrays.stream(Change.values()).forEach(change -> this.changes.put(change.name(), 0));
		Arrays.stream(Finding.values()).forEach(finding -> this.findings.put(finding, new int[3]));
	}

	public void add(AuditedUser user) {
		countChange(user);
		if (user.change() == Change.REMOVED) {
			return;
		}
		this.users++;
		String accountId = user.user().accountId();
		this.accountNames.put(accountId, user.accountName());
		int[] account = this.accounts.computeIfAbsent(accountId, key -> new int[BY_SEVERITY + 3]);
		account[USERS]++;
		if (user.owner().known()) {
			this.usersWithOwner++;
			account[WITH_OWNER]++;
		}
		this.creatorKinds.merge(user.creator().kind(), 1, Integer::sum);
		for (Finding finding : user.findings()) {
			this.findings.get(finding)[0]++;
			account[BY_SEVERITY + finding.severity().ordinal()]++;
		}
		this.findingTotal += user.findings().size();
		long high = user.findings().stream().filter(finding -> finding.severity() == Severity.HIGH).count();
		if (high > 0) {
			this.highFindings += (int) high;
			this.usersWithHighFindings++;
			listed(this.highSeverityUsers, user);
		}
	}

	private void countChange(AuditedUser user) {
		if (user.change() == null) {
			return;
		}
		this.changes.merge(user.change().name(), 1, Integer::sum);
		if (user.change() != Change.UNCHANGED) {
			listed(this.changedUsers, user);
		}
		user.comparison().newFindings().forEach(finding -> this.findings.get(finding)[1]++);
		user.comparison().resolvedFindings().forEach(finding -> this.findings.get(finding)[2]++);
		this.newFindings += user.comparison().newFindings().size();
		this.resolvedFindings += user.comparison().resolvedFindings().size();
	}

	private static void listed(List<AuditedUser> list, AuditedUser user) {
		if (list.size() < USERS_LISTED) {
			list.add(user);
		}
	}

	public ReportSummary build(LocalDate reportDate, String sourceDescription, boolean sampleData,
			LocalDate previousReportDate, List<TrendPoint> earlierAudits, List<AccountStatus> statuses,
			List<RejectedRow> rejectedRows, List<String> warnings, List<AggregatorSource> aggregatorSources) {
		List<TrendPoint> trend = new ArrayList<>(earlierAudits);
		trend.add(new TrendPoint(reportDate.toString(), this.users, this.findingTotal, this.highFindings));
		return new ReportSummary(reportDate, sourceDescription, sampleData, previousReportDate, this.users,
				this.accounts.size(), this.usersWithOwner, this.highFindings, this.usersWithHighFindings,
				this.newFindings, this.resolvedFindings, findingCounts(), accountSummaries(statuses), creatorKinds(),
				labelled(this.changes), List.copyOf(this.changedUsers), List.copyOf(this.highSeverityUsers),
				List.copyOf(trend), statuses.stream().filter(status -> !status.fullyAudited()).toList(), rejectedRows,
				warnings, aggregatorSources, statuses.stream().filter(AccountStatus::rootAtRisk).toList());
	}

	private List<FindingCount> findingCounts() {
		return this.findings.entrySet()
			.stream()
			.filter(entry -> Arrays.stream(entry.getValue()).anyMatch(count -> count > 0))
			.map(entry -> new FindingCount(entry.getKey().name(), entry.getKey().severity().name(),
					entry.getKey().description(), entry.getValue()[0], entry.getValue()[1], entry.getValue()[2]))
			.toList();
	}

	private List<AccountSummary> accountSummaries(List<AccountStatus> statuses) {
		// An account with users but no status is not known to be incomplete.
		Map<String, Boolean> fullyAudited = statuses.stream()
			.collect(Collectors.toMap(AccountStatus::accountId, AccountStatus::fullyAudited, Boolean::logicalAnd));
		return this.accounts.entrySet().stream().map(entry -> {
			int[] counts = entry.getValue();
			return new AccountSummary(entry.getKey(), this.accountNames.get(entry.getKey()), counts[USERS],
					counts[WITH_OWNER], counts[BY_SEVERITY], counts[BY_SEVERITY + 1], counts[BY_SEVERITY + 2],
					fullyAudited.getOrDefault(entry.getKey(), true));
		}).toList();
	}

	private List<LabelCount> creatorKinds() {
		Map<String, Integer> kinds = new LinkedHashMap<>();
		this.creatorKinds.forEach((kind, count) -> kinds.put(switch (kind) {
			case PERSON -> "People";
			case AUTOMATION -> "Automation";
			case UNKNOWN -> "Unknown";
		}, count));
		return labelled(kinds);
	}

	private static List<LabelCount> labelled(Map<String, Integer> counts) {
		return counts.entrySet().stream().map(entry -> new LabelCount(entry.getKey(), entry.getValue())).toList();
	}

}
