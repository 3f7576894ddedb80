package io.iamuseraudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code renderReports} step: writes the CSV, the PDF and the raw evidence from the
 * history database, in one scan of the users (the PDF's pages render on every core
 * meanwhile; its cover, which needs the summary, comes last). A restart renders again;
 * once the step completed (and the files may be archived) it is never repeated.
 */
public final class RenderReportsTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(RenderReportsTasklet.class);

	private final AuditRuns runs;

	private final ReportSummaries summaries;

	private final CsvReport csv;

	private final PdfReport pdf;

	private final EvidenceFile evidence;

	private final Path outputDir;

	public RenderReportsTasklet(AuditRuns runs, ReportSummaries summaries, CsvReport csv, PdfReport pdf,
			EvidenceFile evidence, Path outputDir) {
		this.runs = runs;
		this.summaries = summaries;
		this.csv = csv;
		this.pdf = pdf;
		this.evidence = evidence;
		this.outputDir = outputDir;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		LocalDate reportDate = ReportDate.of(chunkContext);
		ReportFiles files = new ReportFiles(Files.createDirectories(this.outputDir), reportDate);
		int leftovers = files.deleteLeftovers();
		if (leftovers > 0) {
			logger.info("Deleted %d temporary file(s) left by an earlier, interrupted run".formatted(leftovers));
		}
		AuditRun run = this.runs.find(reportDate)
			.orElseThrow(() -> new IllegalStateException("No audit of " + reportDate + " in the history"));
		long started = System.nanoTime();
		long rows;
		try (CsvReport.Rows csv = this.csv.open(files.csv());
				EvidenceFile.Lines evidence = this.evidence.open(files.evidence());
				PdfReport.Pages pdf = this.pdf.open(files.pdf(), run)) {
			ReportSummary summary = this.summaries.of(reportDate, csv.andThen(evidence).andThen(pdf));
			csv.finish();
			evidence.finish();
			rows = csv.count();
			logger.info("Wrote %s (%,d rows) in %d ms, with %s and the summary".formatted(files.csv(), rows,
					millisSince(started), files.evidence().getFileName()));
			pdf.finish(summary);
		}
		logger.info("Wrote %s (%,d bytes) in %d ms, its pages rendered during the scan".formatted(files.pdf(),
				Files.size(files.pdf()), millisSince(started)));
		contribution.incrementWriteCount(rows);
		return RepeatStatus.FINISHED;
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
