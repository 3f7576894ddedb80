package io.iamuseraudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.history.AuditedUsers;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code renderReports} step: writes the CSV, the PDF and the raw evidence from the
 * history database, streaming the users twice. A restart renders again; once the step
 * completed (and the files may be archived) it is never repeated.
 */
public final class RenderReportsTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(RenderReportsTasklet.class);

	private final AuditedUsers users;

	private final ReportSummaries summaries;

	private final CsvReport csv;

	private final PdfReport pdf;

	private final EvidenceFile evidence;

	private final Path outputDir;

	public RenderReportsTasklet(AuditedUsers users, ReportSummaries summaries, CsvReport csv, PdfReport pdf,
			EvidenceFile evidence, Path outputDir) {
		this.users = users;
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
		long started = System.nanoTime();
		ReportSummary summary;
		long rows;
		// One scan of the users for the summary, the CSV and the evidence; the PDF needs
		// the summary first, so it takes a second one.
		try (CsvReport.Rows csv = this.csv.open(files.csv());
				EvidenceFile.Lines evidence = this.evidence.open(files.evidence())) {
			summary = this.summaries.of(reportDate, csv.andThen(evidence));
			csv.finish();
			evidence.finish();
			rows = csv.count();
		}
		logger.info("Wrote %s (%,d rows) in %d ms, with %s and the summary".formatted(files.csv(), rows,
				millisSince(started), files.evidence().getFileName()));
		started = System.nanoTime();
		this.users.stream(reportDate, (stream) -> {
			this.pdf.render(summary, stream, files.pdf());
			return null;
		});
		logger.info(
				"Wrote %s (%,d bytes) in %d ms".formatted(files.pdf(), Files.size(files.pdf()), millisSince(started)));
		contribution.incrementWriteCount(rows);
		return RepeatStatus.FINISHED;
	}

	private static long millisSince(long started) {
		return (System.nanoTime() - started) / 1_000_000;
	}

}
