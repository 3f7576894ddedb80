package io.iamuseraudit.attribution;

/**
 * Who owns a user, as its tags say.
 *
 * @param name the tag's value, {@code null} when no owner tag was found
 * @param tagKey the tag key that matched, as written on the user
 */
public record Owner(String name, String tagKey) {

	public static final Owner NONE = new Owner(null, null);

	public boolean known() {
		return this.name != null;
	}

	/** The CSV's {@code owner_source}: {@code tag:<key>}, or empty. */
	public String source() {
		return known() ? "tag:" + this.tagKey : "";
	}

}
