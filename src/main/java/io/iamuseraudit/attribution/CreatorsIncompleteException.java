package io.iamuseraudit.attribution;

import java.util.Map;

import io.iamuseraudit.account.AccountAccessException;

/**
 * An account's creators could only be partly read (CloudTrail denied, with the
 * organization trail read instead; CreateUser events that could not be read). The account
 * is not fully audited, but what was found, and why the others are unknown, is kept.
 */
public class CreatorsIncompleteException extends AccountAccessException {

	private final transient Map<String, Creator> creators;

	/**
	 * @param creators a creator for every user asked about, by user id: found, or unknown
	 * with the reason
	 */
	public CreatorsIncompleteException(String reason, Map<String, Creator> creators, Throwable cause) {
		super(reason, cause);
		this.creators = Map.copyOf(creators);
	}

	public Map<String, Creator> creators() {
		return this.creators;
	}

}
