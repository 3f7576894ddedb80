package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import io.iamuseraudit.report.ReportSummary;
import io.iamuseraudit.report.ReportSummary.FindingCount;
import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Composes the report email: a subject with the numbers that matter, a short HTML summary
 * with a plain-text alternative (every name from the data HTML-escaped), and the PDF and
 * CSV attached, or linked in the archive when attaching them would exceed the size limit.
 * Thread-safe.
 */
public final class AuditEmail {

	/** Header naming the audit a message is about. */
	static final String REPORT_DATE_HEADER = "X-IAM-User-Audit-Report-Date";

	static final String DEFAULT_SENDER = "iam-user-audit@localhost";

	private final EmailProperties properties;

	public AuditEmail(EmailProperties properties) {
		this.properties = properties;
	}

	/**
	 * @param attachments the files to attach
	 * @param archived where each attachment is archived, for the links used instead of
	 * attachments that would not fit
	 */
	public MimeMessage compose(ReportSummary summary, List<Path> attachments, List<String> archived) {
		try {
			MimeMessage withAttachments = message(summary, attachments, List.of());
			if (encodedSize(withAttachments) <= this.properties.maxMessageBytes().toBytes()) {
				return withAttachments;
			}
			return message(summary, List.of(), archived);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot compose the report email: " + ex.getMessage(), ex);
		}
	}

	static String subject(ReportSummary summary) {
		String changes = (summary.previousReportDate() != null)
				? "%,d new since %s".formatted(summary.changeCount("NEW"), summary.previousReportDate())
				: "baseline audit";
		return String.format(Locale.ENGLISH, "%sIAM user audit %s: %,d users, %,d high findings, %s",
				summary.sampleData() ? "[SAMPLE] " : "", summary.reportDate(), summary.users(), summary.highFindings(),
				changes);
	}

	private MimeMessage message(ReportSummary summary, List<Path> attachments, List<String> links)
			throws MessagingException {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(this.properties.sender()));
		message.setRecipients(RecipientType.TO, addresses(this.properties.to()));
		message.setRecipients(RecipientType.CC, addresses(this.properties.cc()));
		message.setSubject(subject(summary), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader(REPORT_DATE_HEADER, summary.reportDate().toString());
		MimeMultipart alternative = new MimeMultipart("alternative");
		alternative.addBodyPart(textPart(new EmailBody(summary, attachments, links).text(), "plain"));
		alternative.addBodyPart(textPart(new EmailBody(summary, attachments, links).html(), "html"));
		MimeBodyPart body = new MimeBodyPart();
		body.setContent(alternative);
		MimeMultipart mixed = new MimeMultipart("mixed");
		mixed.addBodyPart(body);
		for (Path file : attachments) {
			MimeBodyPart attachment = new MimeBodyPart();
			attachment.setDataHandler(new DataHandler(new FileDataSource(file.toFile())));
			attachment.setFileName(file.getFileName().toString());
			attachment.setHeader("Content-Type", ContentTypes.of(file.getFileName().toString()));
			// Byte for byte as archived: a text part in 7bit or quoted-printable has
			// its line breaks turned into CRLF, and the recipient's CSV would no
			// longer match the manifest's SHA-256.
			attachment.setHeader("Content-Transfer-Encoding", "base64");
			attachment.setDisposition(MimeBodyPart.ATTACHMENT);
			mixed.addBodyPart(attachment);
		}
		message.setContent(mixed);
		message.saveChanges();
		return message;
	}

	private static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
		MimeBodyPart part = new MimeBodyPart();
		part.setText(text, "UTF-8", subtype);
		part.setHeader("Content-Transfer-Encoding", "quoted-printable");
		return part;
	}

	static InternetAddress[] addresses(List<String> emails) throws AddressException {
		InternetAddress[] addresses = new InternetAddress[emails.size()];
		for (int i = 0; i < emails.size(); i++) {
			addresses[i] = new InternetAddress(emails.get(i), true);
		}
		return addresses;
	}

	/** The message's size as sent: headers and every part after transfer encoding. */
	static long encodedSize(MimeMessage message) {
		CountingOutputStream counter = new CountingOutputStream();
		try {
			message.writeTo(counter);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
		return counter.count;
	}

	private static final class CountingOutputStream extends OutputStream {

		private long count;

		@Override
		public void write(int b) {
			this.count++;
		}

		@Override
		public void write(byte[] b, int off, int len) {
			this.count += len;
		}

	}

	/** The text of the email, in HTML and plain text. */
	private record EmailBody(ReportSummary summary, List<Path> attachments, List<String> links) {

		String html() {
			StringBuilder html = new StringBuilder();
			html.append("<!DOCTYPE html><html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1d2939\">");
			html.append("<h2>IAM user audit ").append(this.summary.reportDate()).append("</h2>");
			if (this.summary.sampleData()) {
				html.append("<p style=\"color:#b42318\"><b>Sample data:</b> this audit shows the bundled sample ")
					.append("organization, not an AWS organization.</p>");
			}
			html.append("<p>Source: ")
				.append(escape(this.summary.sourceDescription()))
				.append("<br>")
				.append(escape(comparison()))
				.append("</p>");
			html.append("<table cellpadding=\"6\" style=\"border-collapse:collapse\">");
			headline().forEach(row -> html.append("<tr><td>")
				.append(escape(row[0]))
				.append("</td><td style=\"text-align:right\"><b>")
				.append(escape(row[1]))
				.append("</b></td></tr>"));
			html.append("</table>");
			if (!this.summary.findingCounts().isEmpty()) {
				html.append("<h3>Findings</h3><table cellpadding=\"4\" style=\"border-collapse:collapse\">")
					.append("<tr><th align=\"left\">Severity</th><th align=\"left\">Finding</th><th>Users</th></tr>");
				for (FindingCount finding : this.summary.findingCounts()) {
					html.append("<tr><td>")
						.append(finding.severity())
						.append("</td><td>")
						.append(escape(finding.description()))
						.append(" (")
						.append(finding.code())
						.append(")</td><td align=\"right\">")
						.append(finding.users())
						.append("</td></tr>");
				}
				html.append("</table>");
			}
			if (!this.summary.warnings().isEmpty()) {
				html.append("<h3 style=\"color:#b42318\">Not fully audited</h3><ul>");
				this.summary.warnings().forEach(warning -> html.append("<li>").append(escape(warning)).append("</li>"));
				this.summary.accountsNotFullyAudited()
					.forEach(account -> html.append("<li>")
						.append(escape(account.accountName() + " (" + account.accountId() + "): "
								+ String.join("; ", account.problems())))
						.append("</li>"));
				html.append("</ul>");
			}
			html.append("<p>").append(escape(delivery())).append("</p>");
			if (!this.links.isEmpty()) {
				html.append("<ul>");
				this.links.forEach(link -> html.append("<li>").append(escape(link)).append("</li>"));
				html.append("</ul>");
			}
			return html.append("</body></html>").toString();
		}

		String text() {
			StringBuilder text = new StringBuilder();
			text.append("IAM user audit ").append(this.summary.reportDate()).append("\n\n");
			if (this.summary.sampleData()) {
				text.append("SAMPLE DATA: the bundled sample organization, not an AWS organization.\n\n");
			}
			text.append("Source: ")
				.append(this.summary.sourceDescription())
				.append('\n')
				.append(comparison())
				.append("\n\n");
			headline().forEach(row -> text.append(row[0]).append(": ").append(row[1]).append('\n'));
			if (!this.summary.findingCounts().isEmpty()) {
				text.append("\nFindings:\n");
				this.summary.findingCounts()
					.forEach(finding -> text.append("  %-6s %-24s %,6d  %s%n".formatted(finding.severity(),
							finding.code(), finding.users(), finding.description())));
			}
			if (!this.summary.warnings().isEmpty()) {
				text.append("\nNot fully audited:\n");
				this.summary.warnings().forEach(warning -> text.append("  - ").append(warning).append('\n'));
			}
			text.append('\n').append(delivery()).append('\n');
			this.links.forEach(link -> text.append("  ").append(link).append('\n'));
			return text.toString();
		}

		private List<String[]> headline() {
			return List.of(new String[] { "IAM users", "%,d".formatted(this.summary.users()) },
					new String[] { "Accounts with users", "%,d".formatted(this.summary.accounts()) },
					new String[] { "Owner tag coverage", this.summary.ownerCoveragePercent() + " %" },
					new String[] { "High-severity findings",
							"%,d (%,d users)".formatted(this.summary.highFindings(),
									this.summary.usersWithHighFindings()) },
					new String[] { "New / removed / changed users",
							(this.summary.previousReportDate() != null)
									? "%,d / %,d / %,d".formatted(this.summary.changeCount("NEW"),
											this.summary.changeCount("REMOVED"), this.summary.changeCount("CHANGED"))
									: "baseline" });
		}

		private String comparison() {
			return (this.summary.previousReportDate() != null)
					? "Compared with the audit of " + this.summary.previousReportDate() + "."
					: "Baseline: the first audit in the history.";
		}

		private String delivery() {
			if (!this.attachments.isEmpty()) {
				return "The PDF report and the CSV of every user are attached.";
			}
			return "The reports are too large to attach; they are archived here:";
		}

		static String escape(String text) {
			StringBuilder escaped = new StringBuilder(text.length());
			for (char c : text.toCharArray()) {
				switch (c) {
					case '&' -> escaped.append("&amp;");
					case '<' -> escaped.append("&lt;");
					case '>' -> escaped.append("&gt;");
					case '"' -> escaped.append("&quot;");
					case '\'' -> escaped.append("&#39;");
					default -> escaped.append(c);
				}
			}
			return escaped.toString();
		}

	}

}
