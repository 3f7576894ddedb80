package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.report.ReportSummary.TrendPoint;
import org.springframework.stereotype.Component;

/** Computes an audit's {@link ReportSummary} from the history database. Thread-safe. */
@Component
public class ReportSummaries {

	/** Audits shown in the trend chart, this one included. */
	public static final int TREND_POINTS = 12;

	private final AuditedUsers users;

	private final AuditRuns runs;

	private final AccountStatuses accounts;

	private final RejectedRows rejectedRows;

	private final AuditWarnings warnings;

	private final AggregatorSources aggregatorSources;

	public ReportSummaries(AuditedUsers users, AuditRuns runs, AccountStatuses accounts, RejectedRows rejectedRows,
			AuditWarnings warnings, AggregatorSources aggregatorSources) {
		this.users = users;
		this.runs = runs;
		this.accounts = accounts;
		this.rejectedRows = rejectedRows;
		this.warnings = warnings;
		this.aggregatorSources = aggregatorSources;
	}

	private static int orZero(Integer count) {
		return (count != null) ? count : 0;
	}

	public ReportSummary of(LocalDate reportDate) {
		AuditRun run = this.runs.find(reportDate)
			.orElseThrow(() -> new IllegalStateException("No audit of " + reportDate + " in the history"));
		SummaryBuilder builder = new SummaryBuilder();
		this.users.stream(reportDate, (stream) -> {
			stream.forEach(builder::add);
			return null;
		});
		List<TrendPoint> earlier = this.runs.completedBefore(reportDate, TREND_POINTS - 1)
			.stream()
			.map(audit -> new TrendPoint(audit.reportDate().toString(), orZero(audit.users()), orZero(audit.findings()),
					orZero(audit.highFindings())))
			.toList();
		return builder.build(reportDate, run.sourceDescription(),
				AuditProperties.Source.SAMPLE.name().equals(run.source()), run.previousReportDate(), earlier,
				this.accounts.all(reportDate), this.rejectedRows.all(reportDate), this.warnings.of(reportDate),
				this.aggregatorSources.all(reportDate));
	}

}
