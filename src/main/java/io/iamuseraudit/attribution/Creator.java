package io.iamuseraudit.attribution;

import java.time.Instant;

/**
 * Who created a user.
 *
 * @param principal whom to contact: a user name, a person's session name, a role session,
 * a service; {@code null} when unknown
 * @param type the principal's type
 * @param kind person or automation
 * @param detail more about the principal (its ARN, the role or permission set), or why
 * the creator is unknown
 * @param eventTime time of the {@code CreateUser} event, if found
 * @param source where it was found: {@code cloudtrail}, {@code org-trail} or
 * {@code sample}; kept with the known creators as provenance; {@code null} when unknown
 */
public record Creator(String principal, CreatorType type, CreatorKind kind, String detail, Instant eventTime,
		String source) {

	public static Creator unknown(String reason) {
		return new Creator(null, CreatorType.UNKNOWN, CreatorKind.UNKNOWN, reason, null, null);
	}

	public boolean known() {
		return this.principal != null;
	}

	/** The CSV's {@code creator_type}: the type, or {@code unknown: <why>}. */
	public String typeLabel() {
		return known() ? this.type.label() : "unknown: " + this.detail;
	}

	public Creator from(String source) {
		return new Creator(this.principal, this.type, this.kind, this.detail, this.eventTime, source);
	}

}
