package io.iamuseraudit;

import java.time.LocalDate;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;

/** The identifying job parameter {@code reportDate}: one audit per date. */
public final class ReportDate {

	public static final String PARAMETER = "reportDate";

	private ReportDate() {
	}

	public static LocalDate of(StepExecution stepExecution) {
		return stepExecution.getJobParameters().getLocalDate(PARAMETER);
	}

	public static LocalDate of(ChunkContext chunkContext) {
		return of(chunkContext.getStepContext().getStepExecution());
	}

}
