package io.iamuseraudit.delivery;

import java.time.LocalDate;
import java.util.Date;
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

	/**
	 * @param failedStep the step that failed, {@code null} when the job failed outside
	 * any step
	 * @param invalidConfiguration whether the failure comes from the configuration, so
	 * that restarting alone would fail again
	 */
	public void send(LocalDate reportDate, String failedStep, String reason, boolean invalidConfiguration) {
		if (this.properties.opsTo().isEmpty()) {
			return;
		}
		try {
			String id = this.mailer.send(message(reportDate, failedStep, reason, invalidConfiguration));
			logger.info("Failure notice sent to %s: %s".formatted(this.properties.opsTo(), id));
		}
		catch (RuntimeException | MessagingException ex) {
			logger.error("The failure notice could not be sent to %s: %s".formatted(this.properties.opsTo(),
					ex.getMessage()));
		}
	}

	MimeMessage message(LocalDate reportDate, String failedStep, String reason, boolean invalidConfiguration)
			throws MessagingException {
		String where = (failedStep != null) ? failedStep : "the job";
		MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
		message.setFrom(new InternetAddress(this.properties.sender()));
		message.setRecipients(RecipientType.TO, AuditEmail.addresses(this.properties.opsTo()));
		message.setSubject("IAM user audit %s FAILED in %s".formatted(reportDate, where), "UTF-8");
		message.setSentDate(new Date());
		message.setHeader(AuditEmail.REPORT_DATE_HEADER, reportDate.toString());
		message.setText("""
				The IAM user audit of %s failed in %s:

				  %s

				%s
				Details are in the run's log.
				""".formatted(reportDate, where, reason, advice(reportDate, failedStep, invalidConfiguration)),
				"UTF-8");
		message.saveChanges();
		return message;
	}

	private static String advice(LocalDate reportDate, String failedStep, boolean invalidConfiguration) {
		String restart = "run the same command again (same reportDate=%s)".formatted(reportDate);
		if (invalidConfiguration) {
			return "This is a configuration problem: a restart alone fails again. Fix the setting named above, then "
					+ restart + ".";
		}
		if (failedStep == null) {
			return "To restart, " + restart + ". It resumes where the audit stopped.";
		}
		String resumes = switch (failedStep) {
			case "collectUsers" -> "It collects the users again from the first page (AWS Config's page tokens"
					+ " expire), then carries on.";
			case "enrichUsers" ->
				"It keeps the users collected and the accounts already enriched, and enriches the rest.";
			default -> "It resumes at " + failedStep + ", keeps what was collected and enriched, and archives"
					+ " or emails nothing that was already delivered.";
		};
		return "To restart, " + restart + ". " + resumes;
	}

}
