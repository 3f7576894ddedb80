package io.iamuseraudit.account;

/**
 * An account, or one of its services, could not be read: the role is missing or denied,
 * or an API keeps failing. The account's users stay in the report with this reason.
 */
public class AccountAccessException extends RuntimeException {

	public AccountAccessException(String reason, Throwable cause) {
		super(reason, cause);
	}

	public AccountAccessException(String reason) {
		super(reason);
	}

}
