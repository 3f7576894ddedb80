package io.iamuseraudit.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.AtomicFiles;
import io.iamuseraudit.ReportDate;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.report.ReportFiles;
import io.iamuseraudit.report.ReportSummaries;
import io.iamuseraudit.report.ReportSummary;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code archiveReports} step: stores the PDF, the CSV and the raw evidence, then
 * {@code manifest.json} with their checksums. A restart recognises what is already
 * archived and reuses the manifest it wrote, so nothing is uploaded twice or overwritten.
 */
public final class ArchiveReportsTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(ArchiveReportsTasklet.class);

	private static final String TOOL = "iam-user-audit";

	private final ReportArchive archive;

	private final ArchiveKeys keys;

	private final DeliveryLog deliveries;

	private final AuditRuns runs;

	private final ApiCalls apiCalls;

	private final ReportSummaries summaries;

	private final JsonMapper json;

	private final Path outputDir;

	private final String version;

	public ArchiveReportsTasklet(ReportArchive archive, ArchiveKeys keys, DeliveryLog deliveries, AuditRuns runs,
			ApiCalls apiCalls, ReportSummaries summaries, JsonMapper json, Path outputDir, String version) {
		this.archive = archive;
		this.keys = keys;
		this.deliveries = deliveries;
		this.runs = runs;
		this.apiCalls = apiCalls;
		this.summaries = summaries;
		this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
		this.outputDir = outputDir;
		this.version = version;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		LocalDate reportDate = ReportDate.of(chunkContext);
		ReportFiles files = new ReportFiles(this.outputDir, reportDate);
		List<Manifest.Entry> entries = new ArrayList<>();
		for (Path file : files.all()) {
			ArchivedObject object = store(reportDate, file);
			entries.add(new Manifest.Entry(object.key(), object.sha256(), object.size()));
		}
		Path manifest = files.manifest();
		if (!Files.exists(manifest)) {
			// A restart archives the manifest it finds: it must never be half-written.
			Manifest content = manifest(reportDate, entries);
			AtomicFiles.write(manifest, (partial) -> this.json.writeValue(partial.toFile(), content));
		}
		ArchivedObject stored = store(reportDate, manifest, "manifest.json");
		logger.info("Archived the reports of %s at %s".formatted(reportDate,
				stored.location().substring(0, stored.location().length() - "manifest.json".length())));
		return RepeatStatus.FINISHED;
	}

	private ArchivedObject store(LocalDate reportDate, Path file) {
		return store(reportDate, file, file.getFileName().toString());
	}

	private ArchivedObject store(LocalDate reportDate, Path file, String name) {
		if (!Files.exists(file)) {
			throw new IllegalStateException(
					file + " is missing: it was rendered by this audit's renderReports step and "
							+ "must stay until the audit is archived");
		}
		ArchivedObject object = this.archive.store(reportDate, this.keys.key(reportDate, name), file, Sha256.of(file));
		this.deliveries.archived(reportDate, object);
		logger.info("%s %s (%,d bytes, sha256 %s)".formatted(object.alreadyPresent() ? "Already archived" : "Archived",
				object.location(), object.size(), object.sha256()));
		return object;
	}

	private Manifest manifest(LocalDate reportDate, List<Manifest.Entry> entries) {
		AuditRun run = this.runs.find(reportDate).orElseThrow();
		ReportSummary summary = this.summaries.of(reportDate);
		Map<String, Integer> counts = new LinkedHashMap<>();
		counts.put("users", summary.users());
		counts.put("accounts", summary.accounts());
		counts.put("usersWithOwner", summary.usersWithOwner());
		counts.put("highFindings", summary.highFindings());
		counts.put("usersWithHighFindings", summary.usersWithHighFindings());
		summary.changes().forEach(change -> counts.put(change.label().toLowerCase() + "Users", change.count()));
		counts.put("accountsNotFullyAudited", summary.accountsNotFullyAudited().size());
		counts.put("rejectedRows", summary.rejectedRows().size());
		return new Manifest(TOOL, this.version, reportDate, run.jobExecutionId(), run.source(), run.sourceDescription(),
				summary.sampleData(), run.startedAt(), run.previousReportDate(), counts, entries,
				this.apiCalls.byService(reportDate), this.apiCalls.byAccountAndService(reportDate));
	}

}
