package io.iamuseraudit.delivery;

import jakarta.mail.internet.MimeMessage;

/**
 * Sends the report email: through Amazon SES, or into a local outbox as an {@code .eml}
 * file.
 */
public interface ReportMailer {

	/**
	 * Sends a message.
	 * @return what identifies the sent message: the SES message id, or the file written
	 */
	String send(MimeMessage message);

}
