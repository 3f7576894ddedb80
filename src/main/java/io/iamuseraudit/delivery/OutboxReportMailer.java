package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Writes messages as {@code .eml} files (RFC 5322, attachments included) into a folder,
 * where any mail client opens them. Used when no SES sender is configured.
 */
public final class OutboxReportMailer implements ReportMailer {

	private final Path outbox;

	public OutboxReportMailer(Path outbox) {
		this.outbox = outbox;
	}

	@Override
	public String send(MimeMessage message) {
		try {
			Files.createDirectories(this.outbox);
			Path partial = Files.createTempFile(this.outbox, ".partial-", ".eml");
			try (OutputStream out = Files.newOutputStream(partial)) {
				message.writeTo(out);
			}
			Path file = this.outbox.resolve(fileName(message));
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			return file.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the email into " + this.outbox, ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot write the email: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The audit's date, the time sent and the message id's digits: unique, and safe as a
	 * file name.
	 */
	private static String fileName(MimeMessage message) throws MessagingException {
		String reportDate = message.getHeader(AuditEmail.REPORT_DATE_HEADER, null);
		String sentAt = String.valueOf(message.getSentDate().toInstant().getEpochSecond());
		String id = String.valueOf(message.getMessageID()).replaceAll("[^0-9]", "");
		return "iam-user-audit-%s-%s-%s.eml".formatted(reportDate, sentAt, id.substring(0, Math.min(id.length(), 12)));
	}

}
