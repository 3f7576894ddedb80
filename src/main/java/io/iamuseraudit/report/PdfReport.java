package io.iamuseraudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.report.PdfRows.UserRow;
import io.iamuseraudit.report.ReportSummary.AccountSummary;
import io.iamuseraudit.report.ReportSummary.LabelCount;
import net.sf.jasperreports.engine.JRDataSource;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Renders the PDF the CTO reads: the summary pages
 * ({@code reports/iam-user-audit.jrxml}), then every user by account
 * ({@code reports/accounts.jrxml}). The accounts are rendered in chunks of whole accounts
 * on every core while the users stream from the database; at most a few chunks are in
 * memory and filled pages are swapped to disk, so memory stays flat however large the
 * organization. The parts are then assembled and numbered. Thread-safe.
 */
public final class PdfReport {

	private static final Log logger = LogFactory.getLog(PdfReport.class);

	/**
	 * Users a chunk of whole accounts reaches before it ends, at the next account (so a
	 * large account makes a larger chunk).
	 */
	static final int CHUNK_USERS = 2_000;

	private static final String[] SUBREPORTS = { "summary-findings", "summary-accounts", "summary-contacts",
			"summary-problems", "summary-changes" };

	private static final int ACCOUNTS_CHARTED = 12;

	private static final int ACCOUNTS_LISTED = 7;

	private final JasperReport cover;

	private final JasperReport accounts;

	private final Map<String, JasperReport> subreports = new HashMap<>();

	private final String version;

	private final int threads;

	private final PartRenderer renderer;

	public PdfReport(String version) {
		this(version, Runtime.getRuntime().availableProcessors(), PdfReport::renderPart);
	}

	PdfReport(String version, int threads, PartRenderer renderer) {
		this.version = version;
		this.threads = threads;
		this.renderer = renderer;
		this.cover = load("iam-user-audit");
		this.accounts = load("accounts");
		for (String name : SUBREPORTS) {
			this.subreports.put(name, load(name));
		}
	}

	/**
	 * Starts the PDF, for users given one at a time, ordered by account: their pages are
	 * rendered meanwhile; {@link Pages#finish} adds the cover and assembles the file.
	 * Closing it unfinished deletes what was rendered.
	 */
	public Pages open(Path file, AuditRun run) {
		return new Pages(file, temporaryFolder(file), pageParameters(run));
	}

	/** A PDF being rendered. Users are given from one thread. */
	public final class Pages implements Consumer<AuditedUser>, AutoCloseable {

		private final Path file;

		private final Path parts;

		private final ExecutorService renderers = Executors.newFixedThreadPool(PdfReport.this.threads,
				new CustomizableThreadFactory("render-pdf-"));

		// Set when a part fails, and when rendering ends anyhow: no further part is
		// submitted or started. Renderers are not interrupted but waited for, so that the
		// part and swap files are deleted once none writes them.
		private final AtomicBoolean stop = new AtomicBoolean();

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final Semaphore inMemory = new Semaphore(PdfReport.this.threads + 1);

		private final List<Future<PdfAssembly.Part>> rendered = new ArrayList<>();

		private final Map<String, Object> page;

		private List<UserRow> chunk = new ArrayList<>();

		private Pages(Path file, Path parts, Map<String, Object> page) {
			this.file = file;
			this.parts = parts;
			this.page = page;
		}

		@Override
		public void accept(AuditedUser user) {
			UserRow row = PdfRows.user(user);
			if (this.chunk.size() >= CHUNK_USERS
					&& !row.accountId().equals(this.chunk.get(this.chunk.size() - 1).accountId())) {
				submitChunk();
			}
			this.chunk.add(row);
		}

		/** Renders the cover and the last users, and puts the assembled file in place. */
		public void finish(ReportSummary summary) {
			if (!this.chunk.isEmpty()) {
				submitChunk();
			}
			Map<String, Object> cover = new HashMap<>(this.page);
			cover.putAll(coverParameters(summary));
			Future<PdfAssembly.Part> coverPart = submit(PdfReport.this.cover, cover,
					new RecordDataSource(List.of(new CoverRow())), 0);
			List<PdfAssembly.Part> files = new ArrayList<>();
			files.add(result(coverPart));
			for (Future<PdfAssembly.Part> part : this.rendered) {
				files.add(result(part));
			}
			PdfAssembly.assemble(files, this.file, "IAM user audit " + summary.reportDate(),
					summary.sourceDescription(), "iam-user-audit " + PdfReport.this.version);
		}

		private void submitChunk() {
			List<UserRow> rows = this.chunk;
			this.chunk = new ArrayList<>();
			this.rendered
				.add(submit(PdfReport.this.accounts, this.page, new RecordDataSource(rows), this.rendered.size() + 1));
		}

		private Future<PdfAssembly.Part> submit(JasperReport template, Map<String, Object> parameters,
				JRDataSource rows, int part) {
			try {
				this.inMemory.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while rendering " + this.file, ex);
			}
			if (this.stop.get()) {
				this.inMemory.release();
				Throwable cause = this.failure.get();
				throw new IllegalStateException("Cannot render " + this.file + ": " + cause.getMessage(), cause);
			}
			Path partFile = this.parts.resolve(part + ".pdf");
			return this.renderers.submit(() -> {
				try {
					if (this.stop.get()) {
						return null;
					}
					return PdfReport.this.renderer.render(template, parameters, rows, partFile);
				}
				catch (Exception | Error ex) {
					this.failure.compareAndSet(null, ex);
					this.stop.set(true);
					throw ex;
				}
				finally {
					this.inMemory.release();
				}
			});
		}

		private PdfAssembly.Part result(Future<PdfAssembly.Part> part) {
			try {
				return part.get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while rendering " + this.file, ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("Cannot render " + this.file + ": " + ex.getCause().getMessage(),
						ex.getCause());
			}
		}

		@Override
		public void close() {
			this.stop.set(true);
			this.renderers.shutdown();
			awaitTermination(this.renderers);
			FileSystemUtils.deleteRecursively(this.parts.toFile());
		}

	}

	private static void awaitTermination(ExecutorService renderers) {
		try {
			while (!renderers.awaitTermination(1, TimeUnit.MINUTES)) {
				logger.info("Waiting for the PDF parts being rendered to finish");
			}
		}
		catch (InterruptedException ex) {
			// Stopped: the part files go even if a renderer still writes one (it then
			// fails, unseen).
			Thread.currentThread().interrupt();
		}
	}

	private static PdfAssembly.Part renderPart(JasperReport template, Map<String, Object> parameters, JRDataSource rows,
			Path file) throws JRException, IOException {
		JRSwapFileVirtualizer virtualizer = new JRSwapFileVirtualizer(50,
				new JRSwapFile(file.getParent().toString(), 4096, 64), true);
		try {
			Map<String, Object> filled = new HashMap<>(parameters);
			filled.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
			JasperPrint print = JasperFillManager.fillReport(template, filled, rows);
			virtualizer.setReadOnly(true);
			JRPdfExporter exporter = new JRPdfExporter();
			exporter.setExporterInput(new SimpleExporterInput(print));
			try (var out = Files.newOutputStream(file)) {
				exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
				exporter.exportReport();
			}
			return new PdfAssembly.Part(file, print.getPages().size());
		}
		finally {
			virtualizer.cleanup();
		}
	}

	/** What every page shows: date, source, sample banner. */
	private Map<String, Object> pageParameters(AuditRun run) {
		Map<String, Object> parameters = new HashMap<>();
		parameters.put("REPORT_DATE", run.reportDate().toString());
		parameters.put("SOURCE", run.sourceDescription());
		parameters.put("SAMPLE_DATA", run.sampleData());
		parameters.put("GENERATED_AT", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		parameters.put("VERSION", this.version);
		return parameters;
	}

	private Map<String, Object> coverParameters(ReportSummary summary) {
		Map<String, Object> parameters = new HashMap<>();
		this.subreports.forEach((name, report) -> parameters.put(name.toUpperCase().replace('-', '_'), report));
		parameters.put("FRESHNESS", Freshness.describe(summary.aggregatorSources()));
		parameters.put("PREVIOUS_DATE",
				(summary.previousReportDate() != null) ? summary.previousReportDate().toString() : null);
		parameters.put("USERS", summary.users());
		parameters.put("ACCOUNTS", summary.accounts());
		parameters.put("OWNER_COVERAGE", summary.ownerCoveragePercent());
		parameters.put("HIGH_FINDINGS", summary.highFindings());
		parameters.put("USERS_WITH_HIGH", summary.usersWithHighFindings());
		parameters.put("NEW_USERS", summary.changeCount("NEW"));
		parameters.put("REMOVED_USERS", summary.changeCount("REMOVED"));
		parameters.put("CHANGED_USERS", summary.changeCount("CHANGED"));
		parameters.put("NEW_FINDINGS", summary.newFindings());
		parameters.put("RESOLVED_FINDINGS", summary.resolvedFindings());
		parameters.put("TREND", summary.trend());
		parameters.put("CHANGES", summary.changedUsers().stream().map(PdfRows::change).toList());
		parameters.put("CHANGES_MORE", summary.changeCount("NEW") + summary.changeCount("REMOVED")
				+ summary.changeCount("CHANGED") - summary.changedUsers().size());
		parameters.put("FINDINGS", summary.findingCounts());
		parameters.put("WORST_ACCOUNTS", worstAccounts(summary));
		parameters.put("USERS_PER_ACCOUNT", usersPerAccount(summary));
		parameters.put("CREATOR_KINDS", summary.creatorKinds());
		parameters.put("CONTACTS", summary.highSeverityUsers().stream().map(PdfRows::contact).toList());
		parameters.put("CONTACTS_MORE", summary.usersWithHighFindings() - summary.highSeverityUsers().size());
		parameters.put("PROBLEMS", PdfRows.problems(summary));
		parameters.put("ROOT_RISKS", summary.rootUsersAtRisk().stream().map(PdfRows::rootRisk).toList());
		return parameters;
	}

	private static List<AccountSummary> worstAccounts(ReportSummary summary) {
		return summary.accountSummaries()
			.stream()
			.sorted(Comparator.comparingInt(AccountSummary::high)
				.thenComparingInt(AccountSummary::medium)
				.thenComparingInt(AccountSummary::users)
				.reversed())
			.limit(ACCOUNTS_LISTED)
			.toList();
	}

	private static List<LabelCount> usersPerAccount(ReportSummary summary) {
		return summary.accountSummaries()
			.stream()
			.sorted(Comparator.comparingInt(AccountSummary::users).reversed())
			.limit(ACCOUNTS_CHARTED)
			.map(account -> new LabelCount(account.accountName(), account.users()))
			.toList();
	}

	private static Path temporaryFolder(Path file) {
		try {
			return ReportFiles.partsFolder(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create a work folder next to " + file, ex);
		}
	}

	private static JasperReport load(String name) {
		try (InputStream in = new ClassPathResource("reports/" + name + ".jasper").getInputStream()) {
			return (JasperReport) JRLoader.loadObject(in);
		}
		catch (IOException | JRException ex) {
			throw new IllegalStateException("Report template " + name + " is missing or unreadable", ex);
		}
	}

	/** Renders one part of the PDF into a file of its own, which it returns. */
	@FunctionalInterface
	interface PartRenderer {

		PdfAssembly.Part render(JasperReport template, Map<String, Object> parameters, JRDataSource rows, Path file)
				throws Exception;

	}

	/** The cover's one row: its sections print once, in a group of their own. */
	record CoverRow() {
	}

}
