package io.iamuseraudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.Severity;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.inventory.AggregatorSource;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;

/** The flat rows the PDF templates print, made from the audit's data. */
final class PdfRows {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

	private PdfRows() {
	}

	/** A user in the per-account detail. */
	record UserRow(String accountId, String accountName, String userName, String owner, String creator,
			String creatorType, String createdAt, String lastActivity, Integer daysInactive, String findings,
			boolean high, String change, String notes) {
	}

	/** A user with a high-severity finding, and whom to contact about it. */
	record ContactRow(String account, String userName, String findings, String owner, String creator) {
	}

	/** A user new, removed or changed since the previous audit. */
	record ChangeRow(String account, String userName, String change, String detail, String owner, String creator) {
	}

	/** Something that kept the audit from being complete. */
	record ProblemRow(String where, String problem) {
	}

	static UserRow user(AuditedUser audited) {
		return new UserRow(audited.user().accountId(), audited.accountName(), audited.user().userName(),
				audited.owner().name(), creator(audited),
				audited.creator().known() ? audited.creator().type().label() : "", day(audited.user().createdAt()),
				day(audited.activity().lastActivity()), audited.activity().daysInactive(), findings(audited),
				high(audited), (audited.change() != null) ? audited.change().name() : "", detail(audited));
	}

	static ContactRow contact(AuditedUser audited) {
		return new ContactRow(audited.accountName(), audited.user().userName(),
				audited.findings()
					.stream()
					.filter(finding -> finding.severity() == Severity.HIGH)
					.map(Finding::name)
					.collect(Collectors.joining(", ")),
				(audited.owner().name() != null) ? audited.owner().name() : "—", creator(audited));
	}

	static ChangeRow change(AuditedUser audited) {
		String detail = switch (audited.change()) {
			case NEW -> "created " + day(audited.user().createdAt());
			case REMOVED, CHANGED -> String.valueOf(audited.comparison().detail());
			case UNCHANGED -> "";
		};
		return new ChangeRow(audited.accountName(), audited.user().userName(), audited.change().name(), detail,
				(audited.owner().name() != null) ? audited.owner().name() : "—", creator(audited));
	}

	/**
	 * Stale aggregator sources, accounts not fully audited, rows that could not be read.
	 */
	static List<ProblemRow> problems(ReportSummary summary) {
		return Stream
			.of(summary.aggregatorSources().stream().filter(AggregatorSource::stale).map(PdfRows::problem),
					summary.accountsNotFullyAudited().stream().map(PdfRows::problem),
					summary.rejectedRows().stream().map(PdfRows::problem))
			.flatMap(rows -> rows)
			.toList();
	}

	static ProblemRow rootRisk(AccountStatus status) {
		List<String> risks = new ArrayList<>();
		if (status.rootWithoutMfa()) {
			risks.add("no MFA on the root user");
		}
		if (status.rootWithActiveKeys()) {
			risks.add(status.rootActiveKeys() + " active root access key" + ((status.rootActiveKeys() > 1) ? "s" : ""));
		}
		return new ProblemRow(status.accountName() + " (" + status.accountId() + ")", String.join("; ", risks));
	}

	static ProblemRow problem(AccountStatus status) {
		return new ProblemRow(status.accountName() + " (" + status.accountId() + ")",
				String.join("; ", status.problems()));
	}

	static ProblemRow problem(RejectedRow row) {
		String where = "row " + row.rowNumber() + ((row.accountId() != null) ? " of account " + row.accountId() : "");
		return new ProblemRow(where, row.reason());
	}

	static ProblemRow problem(AggregatorSource source) {
		String error = (source.error() != null) ? ": " + source.error() : "";
		return new ProblemRow("Config aggregator source " + source.sourceId() + " (" + source.region() + ")",
				source.status() + ", " + Freshness.lastUpdate(source) + error
						+ ". Users of this source may be missing or stale.");
	}

	private static String creator(AuditedUser audited) {
		return audited.creator().known() ? audited.creator().principal() : audited.creator().typeLabel();
	}

	private static String findings(AuditedUser audited) {
		return audited.findings().stream().map(Finding::name).collect(Collectors.joining(" "));
	}

	private static boolean high(AuditedUser audited) {
		return audited.findings().stream().anyMatch(finding -> finding.severity() == Severity.HIGH);
	}

	private static String detail(AuditedUser audited) {
		String change = (audited.comparison().detail() != null) ? audited.comparison().detail() : "";
		String notes = String.join("; ", audited.notes());
		return change.isEmpty() ? notes : (notes.isEmpty() ? change : change + "; " + notes);
	}

	private static String day(Instant instant) {
		return (instant != null) ? DAY.format(instant) : "";
	}

}
