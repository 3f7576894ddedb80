package io.iamuseraudit.account;

import java.util.Map;

/** Names of the organization's accounts. */
public interface AccountDirectory {

	/**
	 * Account names by account id; accounts it cannot name are simply absent (the id then
	 * stands in).
	 */
	Map<String, String> accountNames();

}
