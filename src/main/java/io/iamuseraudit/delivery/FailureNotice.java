package io.iamuseraudit.delivery;

import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Properties;

import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the people who run the audit ({@code audit.email.ops-to}) that a run failed:
 * which step, why, and how to restart. Sending it never hides the failure itself: a
 * notice that cannot be sent is logged.
 */
public class FailureNotice {

	private static final Log logger = LogFactory.getLog(FailureNotice.class);

	private final EmailProperties properties;

	private final ReportMailer mailer;

	public FailureNotice(EmailProperties properties, ReportMailer mailer) {
		this.properties = properties;
		this.mailer = mailer;
	}

	public void send(LocalDate reportDate, String failedStep, String reason) {
		if (this.properties.opsTo().isEmpty()) {
			return;
		}
		try {
			String id = this.mailer.send(message(reportDate, failedStep, reason));
			logger.info("Failure notice sent to %s: %s".formatted(this.properties.opsTo(), id));
		}
		catch (RuntimeException | MessagingException ex) {
			logger.error("The failure notice could not be sent to %s: %s".formatted(this.properties.opsTo(),
					ex.getMessage()));
		}
	}

	MimeMessage message(LocalDate reportDate, String failedStep, String reason) throws MessagingException {
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(
				(this.properties.from() != null) ? this.properties.from() : AuditEmail.DEFAULT_SENDER));
		message.setRecipients(RecipientType.TO, addresses(this.properties.opsTo()));
		message.setSubject("IAM user audit %s FAILED in %s".formatted(reportDate, failedStep), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader(AuditEmail.REPORT_DATE_HEADER, reportDate.toString());
		message.setText("""
				The IAM user audit of %s failed in the step %s:

				  %s

				Nothing that had completed is lost. Run the same command again (same reportDate=%s) to restart:
				it resumes at %s without collecting again or delivering twice. Details are in the run's log.
				""".formatted(reportDate, failedStep, reason, reportDate, failedStep), "UTF-8");
		message.saveChanges();
		return message;
	}

	private static InternetAddress[] addresses(List<String> emails) throws MessagingException {
		InternetAddress[] addresses = new InternetAddress[emails.size()];
		for (int i = 0; i < emails.size(); i++) {
			addresses[i] = new InternetAddress(emails.get(i), true);
		}
		return addresses;
	}

}
