package io.iamuseraudit.delivery;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.report.ReportFiles;
import io.iamuseraudit.report.ReportSummaries;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends an audit's report email once: an audit whose email went out is not sent again
 * (cron firing twice, a restart) unless a resend is asked for. Thread-safe.
 */
public class ReportEmail {

	private static final Log logger = LogFactory.getLog(ReportEmail.class);

	private final ReportSummaries summaries;

	private final AuditEmail composer;

	private final ReportMailer mailer;

	private final DeliveryLog deliveries;

	private final ReportArchive archive;

	private final ArchiveKeys keys;

	private final Path outputDir;

	public ReportEmail(ReportSummaries summaries, AuditEmail composer, ReportMailer mailer, DeliveryLog deliveries,
			ReportArchive archive, ArchiveKeys keys, Path outputDir) {
		this.summaries = summaries;
		this.composer = composer;
		this.mailer = mailer;
		this.deliveries = deliveries;
		this.archive = archive;
		this.keys = keys;
		this.outputDir = outputDir;
	}

	/** Sends the email unless it was sent already; returns whether it sent one. */
	public boolean send(LocalDate reportDate, boolean resend) {
		List<String> sent = this.deliveries.emails(reportDate);
		if (!sent.isEmpty() && !resend) {
			logger.info(
					"The email of the audit of %s was sent already (%s); not sending it again (audit.email.resend=true does)"
						.formatted(reportDate, sent.get(sent.size() - 1)));
			return false;
		}
		ReportFiles files = new ReportFiles(this.outputDir, reportDate);
		List<Path> attachments = List.of(files.pdf(), files.csv());
		List<String> archived = attachments.stream()
			.map(file -> this.archive.location(this.keys.key(reportDate, file.getFileName().toString())))
			.toList();
		MimeMessage message = this.composer.compose(this.summaries.of(reportDate), attachments, archived);
		String id = this.mailer.send(message);
		this.deliveries.emailed(reportDate, id, "sent");
		logger.info("Emailed the audit of %s: %s".formatted(reportDate, id));
		return true;
	}

}
