package io.iamuseraudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.ReportDate;
import io.iamuseraudit.delivery.DeliveryLog;
import io.iamuseraudit.report.ReportFiles;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.report.ReportSummaries;
import io.iamuseraudit.report.ReportSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/** The one-screen summary that ends every run's log. */
@Component
class RunSummary {

	private static final Log logger = LogFactory.getLog(RunSummary.class);

	private static final int BUSIEST_ACCOUNTS = 10;

	private final ReportSummaries summaries;

	private final ApiCalls apiCalls;

	private final DeliveryLog deliveries;

	private final Path outputDir;

	RunSummary(ReportSummaries summaries, ApiCalls apiCalls, DeliveryLog deliveries, AuditProperties properties) {
		this.summaries = summaries;
		this.apiCalls = apiCalls;
		this.deliveries = deliveries;
		this.outputDir = properties.outputDir();
	}

	void log(JobExecution execution, AuditExitCode code) {
		LocalDate reportDate = execution.getJobParameters().getLocalDate(ReportDate.PARAMETER);
		StringBuilder text = new StringBuilder("%n==== IAM user audit %s: %s (exit code %d) ====%n"
			.formatted(reportDate, code.name().replace('_', ' ').toLowerCase(), code.code()));
		try {
			ReportSummary summary = this.summaries.of(reportDate);
			text.append("Users: %,d in %,d accounts, %d %% with an owner tag; high-severity findings: %,d (%,d users)%n"
				.formatted(summary.users(), summary.accounts(), summary.ownerCoveragePercent(), summary.highFindings(),
						summary.usersWithHighFindings()));
			text.append((summary.previousReportDate() != null)
					? "Since %s: %,d new, %,d removed, %,d changed%n".formatted(summary.previousReportDate(),
							summary.changeCount("NEW"), summary.changeCount("REMOVED"), summary.changeCount("CHANGED"))
					: "Baseline: first audit in the history%n".formatted());
			summary.warnings().forEach(warning -> text.append("Warning: ").append(warning).append('\n'));
		}
		catch (RuntimeException ex) {
			text.append("(no summary: ").append(ex.getMessage()).append(")\n");
		}
		Map<String, Integer> calls = this.apiCalls.byService(reportDate);
		if (!calls.isEmpty()) {
			text.append("AWS API calls: ").append(join(calls)).append('\n');
		}
		appendBusiestAccounts(reportDate, text);
		for (StepExecution step : execution.getStepExecutions()) {
			text.append("  %-20s %-9s %8s  read %,d, written %,d, filtered %,d%n".formatted(step.getStepName(),
					step.getStatus(), duration(step), step.getReadCount(), step.getWriteCount(),
					step.getFilterCount()));
		}
		ReportFiles files = new ReportFiles(this.outputDir, reportDate);
		if (Files.exists(files.pdf())) {
			text.append("Reports: ").append(files.pdf()).append(", ").append(files.csv()).append('\n');
		}
		this.deliveries.describe(reportDate).forEach(line -> text.append("  ").append(line).append('\n'));
		execution.getAllFailureExceptions()
			.forEach(failure -> text.append("Failure: ").append(Failures.reason(failure)).append('\n'));
		if (code == AuditExitCode.FAILED) {
			text.append("Run the same command again (same reportDate) to restart from the step that failed.\n");
		}
		logger.info(text.toString());
	}

	/** The member accounts that cost the most calls (all of them are in the manifest). */
	private void appendBusiestAccounts(LocalDate reportDate, StringBuilder text) {
		Map<String, Map<String, Integer>> byAccount = this.apiCalls.byAccountAndService(reportDate);
		byAccount.remove("");
		Map<String, Integer> totals = new HashMap<>();
		byAccount.forEach(
				(account, calls) -> totals.put(account, calls.values().stream().mapToInt(Integer::intValue).sum()));
		byAccount.keySet()
			.stream()
			.sorted(Comparator.comparing(totals::get).reversed())
			.limit(BUSIEST_ACCOUNTS)
			.forEach(account -> text.append("  account %s: %s%n".formatted(account, join(byAccount.get(account)))));
	}

	private static String join(Map<String, Integer> callsByService) {
		return callsByService.entrySet()
			.stream()
			.map(entry -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
	}

	private static String duration(StepExecution step) {
		if (step.getStartTime() == null || step.getEndTime() == null) {
			return "-";
		}
		Duration duration = Duration.between(step.getStartTime(), step.getEndTime());
		return "%.1f s".formatted(duration.toMillis() / 1000.0);
	}

}
