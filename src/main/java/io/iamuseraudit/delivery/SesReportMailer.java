package io.iamuseraudit.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import jakarta.mail.Address;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/**
 * Sends the audit's emails through Amazon SES v2 as the raw MIME messages composed
 * (attachments included), from {@code audit.email.from} to the message's own To and Cc
 * (the report's recipients, or the on-call for a failure notice). Throttling
 * ({@code TooManyRequestsException}, 429) is retried with backoff by the client's retry
 * strategy, which counts it as throttling; a refusal becomes a {@link DeliveryException}
 * saying what to verify. Thread-safe.
 */
public final class SesReportMailer implements ReportMailer {

	private static final String RESUME = " Then run the same command again: the audit resumes at emailReport.";

	private final SesV2Client ses;

	private final EmailProperties properties;

	public SesReportMailer(SesV2Client ses, EmailProperties properties) {
		this.ses = ses;
		this.properties = properties;
	}

	@Override
	public String send(MimeMessage message) {
		SendEmailRequest request = SendEmailRequest.builder()
			.fromEmailAddress(this.properties.from())
			.destination(destination -> destination.toAddresses(recipients(message, RecipientType.TO))
				.ccAddresses(recipients(message, RecipientType.CC)))
			.content(content -> content.raw(raw -> raw.data(SdkBytes.fromByteArrayUnsafe(mime(message)))))
			.build();
		try {
			return this.ses.sendEmail(request).messageId();
		}
		catch (SesV2Exception ex) {
			throw refused(ex);
		}
		catch (SdkClientException ex) {
			throw new DeliveryException(
					"No answer from SES in region %s to the report email: %s. "
						.formatted(this.ses.serviceClientConfiguration().region().id(), ex.getMessage())
							+ "Check the network path to SES (proxy, VPC endpoint, AWS_ENDPOINT_URL_SESV2)." + RESUME,
					ex);
		}
	}

	private DeliveryException refused(SesV2Exception ex) {
		String region = this.ses.serviceClientConfiguration().region().id();
		String refusal = "SES in region %s refused the report email (%s). ".formatted(region, reason(ex));
		return new DeliveryException(refusal + whatToCheck(ex, region) + RESUME, ex);
	}

	private String whatToCheck(SesV2Exception ex, String region) {
		if (ex instanceof MessageRejectedException) {
			return ("Verify the sender %s (the address or its domain) as an identity in SES in region %s "
					+ "(audit.email.region if it is verified elsewhere); while that region's account is in the SES "
					+ "sandbox, verify every recipient too (audit.email.to and cc: %s), or request production access.")
				.formatted(this.properties.from(), region, recipients());
		}
		if (ex instanceof MailFromDomainNotVerifiedException) {
			return "The custom MAIL FROM domain of %s is not verified in SES in region %s: check its MX and SPF records."
				.formatted(this.properties.from(), region);
		}
		if (ex instanceof AccountSuspendedException) {
			return "SES has suspended sending for this account in region %s: see the SES account dashboard there."
				.formatted(region);
		}
		if (ex instanceof SendingPausedException) {
			return ("Sending is paused for this account or its configuration set in region %s: resume it "
					+ "(aws sesv2 put-account-sending-attributes --sending-enabled --region %s).")
				.formatted(region, region);
		}
		if (ex instanceof TooManyRequestsException) {
			return "SES kept throttling after every retry: the sending rate or the daily quota (200 in the sandbox) "
					+ "is used up; wait before running again.";
		}
		if (ex.statusCode() >= 500) {
			return "SES kept failing after every retry (audit.aws.max-attempts): it is unavailable; wait before "
					+ "running again.";
		}
		if (ex.statusCode() == 403) {
			return "Allow the audit's role ses:SendEmail and ses:SendRawEmail on the identity of %s in region %s."
				.formatted(this.properties.from(), region);
		}
		return "Check the SES settings of the sender %s in region %s.".formatted(this.properties.from(), region);
	}

	private String recipients() {
		return String.join(", ", Stream.concat(this.properties.to().stream(), this.properties.cc().stream()).toList());
	}

	private static List<String> recipients(MimeMessage message, RecipientType type) {
		try {
			Address[] addresses = message.getRecipients(type);
			return (addresses != null) ? Arrays.stream(addresses).map(Address::toString).toList() : List.of();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot read the email's recipients: " + ex.getMessage(), ex);
		}
	}

	private static String reason(SesV2Exception ex) {
		if (ex.awsErrorDetails() == null || ex.awsErrorDetails().errorCode() == null) {
			return "HTTP " + ex.statusCode();
		}
		String message = ex.awsErrorDetails().errorMessage();
		return ex.awsErrorDetails().errorCode() + ((message != null) ? ": " + message : "");
	}

	private static byte[] mime(MimeMessage message) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try {
			message.writeTo(bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Cannot write the email: " + ex.getMessage(), ex);
		}
		return bytes.toByteArray();
	}

}
