package io.iamuseraudit.job;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Runs a delivery step's tasklet, unless the run is a dry run
 * ({@code audit.delivery.enabled=false}).
 */
final class UnlessDryRun implements Tasklet {

	static final String PARAMETER = "dryRun";

	private static final Log logger = LogFactory.getLog(UnlessDryRun.class);

	private final Tasklet delivery;

	UnlessDryRun(Tasklet delivery) {
		this.delivery = delivery;
	}

	static boolean isDryRun(JobParameters parameters) {
		return parameters.getParameter(PARAMETER) != null;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		if (isDryRun(chunkContext.getStepContext().getStepExecution().getJobParameters())) {
			logger.info("Dry run (audit.delivery.enabled=false): %s delivers nothing"
				.formatted(chunkContext.getStepContext().getStepName()));
			return RepeatStatus.FINISHED;
		}
		return this.delivery.execute(contribution, chunkContext);
	}

}
