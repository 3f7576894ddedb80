package io.iamuseraudit.delivery;

import java.util.List;

import io.iamuseraudit.aws.AwsProperties;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code audit.email.*}: who receives the report. Without a sender the message is written
 * to {@code <output-dir>/outbox/} as an {@code .eml} file instead of going through SES.
 *
 * @param from verified SES sender
 * @param to recipients
 * @param cc copy recipients
 * @param maxMessageBytes largest message sent with attachments (SES v2 accepts 40 MB
 * after encoding); beyond it the message links to the archived reports
 * @param resend send again for a report date whose email already went out
 * @param opsTo who is told, in a short email, when a run fails
 * @param region SES region where the sender is verified (SES identities, sandbox and
 * quotas are per region), {@code audit.aws.region} when empty
 */
public record EmailProperties(@Email String from, @DefaultValue List<@Email String> to,
		@DefaultValue List<@Email String> cc, @NotNull @DefaultValue("40MB") DataSize maxMessageBytes,
		@DefaultValue("false") boolean resend, @DefaultValue List<@Email String> opsTo,
		@Pattern(regexp = "[a-z]{2}(-[a-z]+)+-\\d") String region) {

	@AssertTrue(message = "audit.email.region must be in the standard aws partition: China, GovCloud, isolated and "
			+ "sovereign regions are not supported")
	boolean isInTheAwsPartition() {
		return AwsProperties.isAwsPartitionRegion(this.region);
	}

	@AssertTrue(message = "audit.email.to needs at least one recipient when audit.email.from is set")
	boolean isRecipientGiven() {
		return this.from == null || !this.to.isEmpty();
	}

	@AssertTrue(message = "audit.email.max-message-bytes must be between 1MB and 40MB (the SES v2 limit)")
	boolean isMaxMessageBytesWithinSesLimit() {
		return this.maxMessageBytes == null || (this.maxMessageBytes.toMegabytes() >= 1
				&& this.maxMessageBytes.compareTo(DataSize.ofMegabytes(40)) <= 0);
	}

	/** The sender: {@code from}, or a placeholder for the {@code .eml} outbox. */
	String sender() {
		return (this.from != null) ? this.from : AuditEmail.DEFAULT_SENDER;
	}

	public boolean viaSes() {
		return this.from != null;
	}

	/** The SES region: {@code audit.email.region}, else the audit's own region. */
	public String sesRegion(String auditRegion) {
		return (this.region != null) ? this.region : auditRegion;
	}

}
