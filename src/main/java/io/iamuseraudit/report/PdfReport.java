package io.iamuseraudit.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.inventory.AggregatorSource;
import io.iamuseraudit.report.ReportSummary.AccountSummary;
import io.iamuseraudit.report.ReportSummary.LabelCount;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRLoader;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

import org.springframework.core.io.ClassPathResource;

/**
 * Renders the PDF the CTO reads: the summary pages first, then every user by account. The
 * users stream from the database into the template and filled pages are swapped to disk,
 * so memory stays flat however large the organization. Thread-safe.
 */
public final class PdfReport {

	private static final String[] SUBREPORTS = { "summary-findings", "summary-accounts", "summary-contacts",
			"summary-problems", "summary-changes" };

	private static final int ACCOUNTS_CHARTED = 12;

	private static final int ACCOUNTS_LISTED = 7;

	private final JasperReport main;

	private final Map<String, JasperReport> subreports = new HashMap<>();

	private final String version;

	public PdfReport(String version) {
		this.version = version;
		this.main = load("iam-user-audit");
		for (String name : SUBREPORTS) {
			this.subreports.put(name, load(name));
		}
	}

	/** Renders the PDF; the users must come ordered by account. */
	public void render(ReportSummary summary, Stream<AuditedUser> users, Path file) {
		JRSwapFileVirtualizer virtualizer = new JRSwapFileVirtualizer(50,
				new JRSwapFile(System.getProperty("java.io.tmpdir"), 4096, 64), true);
		try {
			Map<String, Object> parameters = parameters(summary);
			parameters.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
			JasperPrint print = JasperFillManager.fillReport(this.main, parameters,
					new RecordDataSource(users.map(PdfRows::user).iterator()));
			virtualizer.setReadOnly(true);
			export(print, summary, file);
		}
		catch (JRException ex) {
			throw new IllegalStateException("Cannot render " + file + ": " + ex.getMessage(), ex);
		}
		finally {
			virtualizer.cleanup();
		}
	}

	private Map<String, Object> parameters(ReportSummary summary) {
		Map<String, Object> parameters = new HashMap<>();
		this.subreports.forEach((name, report) -> parameters.put(name.toUpperCase().replace('-', '_'), report));
		parameters.put("REPORT_DATE", summary.reportDate().toString());
		parameters.put("SOURCE", summary.sourceDescription());
		parameters.put("FRESHNESS", Freshness.describe(summary.aggregatorSources()));
		parameters.put("SAMPLE_DATA", summary.sampleData());
		parameters.put("GENERATED_AT", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
		parameters.put("VERSION", this.version);
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
		parameters.put("PROBLEMS", problems(summary));
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

	private static List<PdfRows.ProblemRow> problems(ReportSummary summary) {
		return Stream
			.of(summary.aggregatorSources().stream().filter(AggregatorSource::stale).map(PdfRows::problem),
					summary.accountsNotFullyAudited().stream().map(PdfRows::problem),
					summary.rejectedRows().stream().map(PdfRows::problem))
			.flatMap(rows -> rows)
			.toList();
	}

	private void export(JasperPrint print, ReportSummary summary, Path file) throws JRException {
		JRPdfExporter exporter = new JRPdfExporter();
		exporter.setExporterInput(new SimpleExporterInput(print));
		SimplePdfExporterConfiguration configuration = new SimplePdfExporterConfiguration();
		configuration.setMetadataTitle("IAM user audit " + summary.reportDate());
		configuration.setMetadataSubject(summary.sourceDescription());
		configuration.setMetadataCreator("iam-user-audit " + this.version);
		exporter.setConfiguration(configuration);
		try (var out = Files.newOutputStream(file)) {
			exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
			exporter.exportReport();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
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

}
