package io.iamuseraudit.delivery;

import io.iamuseraudit.ReportDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/** The {@code emailReport} step: sends the report email, once per audit. */
public final class EmailReportTasklet implements Tasklet {

	private final ReportEmail email;

	private final boolean resend;

	public EmailReportTasklet(ReportEmail email, boolean resend) {
		this.email = email;
		this.resend = resend;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		if (this.email.send(ReportDate.of(chunkContext), this.resend)) {
			contribution.incrementWriteCount(1);
		}
		return RepeatStatus.FINISHED;
	}

}
