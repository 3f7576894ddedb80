package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.report.ReportSummary.TrendPoint;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes an audit's {@link ReportSummary} from the history database. The users stop
 * changing once an audit is compared, so the summary scanned by the render step is reused
 * by the steps after it (archive, email, the run's log) while the same job execution
 * holds the audit; a restart scans again. Thread-safe.
 */
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

	private final TransactionTemplate readOnly;

	private final AtomicReference<Scanned> lastScanned = new AtomicReference<>();

	public ReportSummaries(AuditedUsers users, AuditRuns runs, AccountStatuses accounts, RejectedRows rejectedRows,
			AuditWarnings warnings, AggregatorSources aggregatorSources,
			PlatformTransactionManager transactionManager) {
		this.users = users;
		this.runs = runs;
		this.accounts = accounts;
		this.rejectedRows = rejectedRows;
		this.warnings = warnings;
		this.aggregatorSources = aggregatorSources;
		this.readOnly = new TransactionTemplate(transactionManager);
		this.readOnly.setReadOnly(true);
	}

	private static int orZero(Integer count) {
		return (count != null) ? count : 0;
	}

	/**
	 * The summary, reusing the last scan of the users if the same job execution made it.
	 */
	public ReportSummary of(LocalDate reportDate) {
		return this.readOnly.execute((status) -> {
			AuditRun run = find(reportDate);
			Scanned scanned = this.lastScanned.get();
			if (scanned != null && scanned.isOf(run)) {
				return build(run, scanned.users());
			}
			return summarize(run, (user) -> {
			});
		});
	}

	/**
	 * The summary, handing each user to {@code eachUser} as it streams by (ordered by
	 * account and user name), so that one scan of the users can also write them out.
	 * Everything is read in one transaction, the caller's if there is one, else a new
	 * read-only one: the PostgreSQL driver streams the users only inside a transaction,
	 * and the summary is of one consistent state.
	 */
	public ReportSummary of(LocalDate reportDate, Consumer<AuditedUser> eachUser) {
		return this.readOnly.execute((status) -> summarize(find(reportDate), eachUser));
	}

	private AuditRun find(LocalDate reportDate) {
		return this.runs.find(reportDate)
			.orElseThrow(() -> new IllegalStateException("No audit of " + reportDate + " in the history"));
	}

	private ReportSummary summarize(AuditRun run, Consumer<AuditedUser> eachUser) {
		SummaryBuilder builder = new SummaryBuilder();
		this.users.stream(run.reportDate(), (stream) -> {
			stream.forEach((user) -> {
				builder.add(user);
				eachUser.accept(user);
			});
			return null;
		});
		this.lastScanned.set(new Scanned(run.reportDate(), run.jobExecutionId(), builder));
		return build(run, builder);
	}

	private ReportSummary build(AuditRun run, SummaryBuilder users) {
		LocalDate reportDate = run.reportDate();
		List<TrendPoint> earlier = this.runs.completedBefore(reportDate, TREND_POINTS - 1)
			.stream()
			.map(audit -> new TrendPoint(audit.reportDate().toString(), orZero(audit.users()), orZero(audit.findings()),
					orZero(audit.highFindings())))
			.toList();
		return users.build(reportDate, run.sourceDescription(), run.sampleData(), run.previousReportDate(), earlier,
				this.accounts.all(reportDate), this.rejectedRows.all(reportDate), this.warnings.of(reportDate),
				this.aggregatorSources.all(reportDate));
	}

	/** The users of an audit as one execution of its job scanned them. */
	private record Scanned(LocalDate reportDate, Long jobExecutionId, SummaryBuilder users) {

		boolean isOf(AuditRun run) {
			return this.reportDate.equals(run.reportDate()) && this.jobExecutionId != null
					&& this.jobExecutionId.equals(run.jobExecutionId());
		}

	}

}
