package io.iamuseraudit.history;

import java.time.LocalDate;
import java.time.Period;

import io.iamuseraudit.ReportDate;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code purgeHistory} step: deletes audits older than
 * {@code audit.history.retention} from the history database. Archived evidence is never
 * touched; creators found by earlier audits are kept.
 */
public final class PurgeHistoryTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(PurgeHistoryTasklet.class);

	private final AuditRuns runs;

	private final Period retention;

	public PurgeHistoryTasklet(AuditRuns runs, Period retention) {
		this.runs = runs;
		this.retention = retention;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate cutoff = ReportDate.of(chunkContext).minus(this.retention);
		int purged = this.runs.purgeBefore(cutoff);
		if (purged > 0) {
			logger.info("Purged %d audit(s) older than %s from the history".formatted(purged, cutoff));
		}
		return RepeatStatus.FINISHED;
	}

}
