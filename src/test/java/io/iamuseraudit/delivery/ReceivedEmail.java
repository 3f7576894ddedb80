package io.iamuseraudit.delivery;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A received MIME message taken apart as a mail client does: subject, plain text and HTML
 * (transfer encoding undone), attachments by file name (decoded bytes).
 */
record ReceivedEmail(String subject, String text, String html, Map<String, byte[]> attachments) {

	/** A composed message as its recipient gets it: written out as sent, then parsed. */
	static ReceivedEmail afterSending(MimeMessage message) throws MessagingException, IOException {
		ByteArrayOutputStream sent = new ByteArrayOutputStream();
		message.writeTo(sent);
		return of(new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(sent.toByteArray())));
	}

	static ReceivedEmail of(MimeMessage message) throws MessagingException, IOException {
		Parts parts = new Parts();
		parts.collect(message);
		return new ReceivedEmail(message.getSubject(), parts.text, parts.html, parts.attachments);
	}

	private static final class Parts {

		private String text;

		private String html;

		private final Map<String, byte[]> attachments = new LinkedHashMap<>();

		void collect(Part part) throws MessagingException, IOException {
			if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
				this.attachments.put(part.getFileName(), part.getInputStream().readAllBytes());
			}
			else if (part.isMimeType("multipart/*")) {
				Multipart multipart = (Multipart) part.getContent();
				for (int i = 0; i < multipart.getCount(); i++) {
					BodyPart child = multipart.getBodyPart(i);
					collect(child);
				}
			}
			else if (part.isMimeType("text/plain")) {
				this.text = (String) part.getContent();
			}
			else if (part.isMimeType("text/html")) {
				this.html = (String) part.getContent();
			}
		}

	}

}
