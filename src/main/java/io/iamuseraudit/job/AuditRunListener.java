package io.iamuseraudit.job;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.inventory.InventorySource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records each audit in the history, and ends a completed one with the exit status
 * {@code COMPLETED_WITH_WARNINGS} when anything kept it from being complete. A dry run
 * ends as {@code DRY_RUN}, so that no later audit takes it for its previous one.
 */
final class AuditRunListener implements JobExecutionListener {

	private final AuditRuns runs;

	private final AuditWarnings warnings;

	private final InventorySource inventory;

	private final String source;

	AuditRunListener(AuditRuns runs, AuditWarnings warnings, InventorySource inventory, String source) {
		this.runs = runs;
		this.warnings = warnings;
		this.inventory = inventory;
		this.source = source;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		this.runs.start(reportDate(jobExecution), this.source, this.inventory.description(), jobExecution.getId());
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		LocalDate reportDate = reportDate(jobExecution);
		if (jobExecution.getStatus() != BatchStatus.COMPLETED) {
			this.runs.finish(reportDate, AuditRun.FAILED, 0);
			return;
		}
		List<String> found = this.warnings.of(reportDate);
		String status = found.isEmpty() ? AuditRun.COMPLETED : AuditRun.COMPLETED_WITH_WARNINGS;
		if (!found.isEmpty()) {
			jobExecution.setExitStatus(new ExitStatus(AuditRun.COMPLETED_WITH_WARNINGS, String.join("; ", found)));
		}
		this.runs.finish(reportDate, UnlessDryRun.isDryRun(jobExecution.getJobParameters()) ? AuditRun.DRY_RUN : status,
				found.size());
	}

	private static LocalDate reportDate(JobExecution jobExecution) {
		return jobExecution.getJobParameters().getLocalDate(ReportDate.PARAMETER);
	}

}
