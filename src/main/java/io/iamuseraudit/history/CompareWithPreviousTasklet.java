package io.iamuseraudit.history;

import java.time.LocalDate;

import io.iamuseraudit.ReportDate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code compareWithPrevious} step: compares the audit with the latest completed
 * audit before its report date (so an older date run late compares with the audit before
 * it).
 */
public final class CompareWithPreviousTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(CompareWithPreviousTasklet.class);

	private final AuditRuns runs;

	private final ChangeDetector changes;

	public CompareWithPreviousTasklet(AuditRuns runs, ChangeDetector changes) {
		this.runs = runs;
		this.changes = changes;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate reportDate = ReportDate.of(chunkContext);
		LocalDate previous = this.runs.previousCompleted(reportDate).orElse(null);
		this.changes.compare(reportDate, previous);
		this.runs.comparedWith(reportDate, previous);
		logger.info((previous != null) ? "Compared with the audit of " + previous
				: "No earlier completed audit: this one is the baseline");
		return RepeatStatus.FINISHED;
	}

}
