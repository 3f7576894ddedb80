package io.iamuseraudit.attribution;

/**
 * The kind of principal that called {@code CreateUser}, as CloudTrail's
 * {@code userIdentity.type} says.
 */
public enum CreatorType {

	IAM_USER("IAMUser"), ASSUMED_ROLE("AssumedRole"), ROOT("Root"), AWS_SERVICE("AWSService"),
	IDENTITY_CENTER_USER("IdentityCenterUser"), UNKNOWN("Unknown");

	private final String label;

	CreatorType(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
