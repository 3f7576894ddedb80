package io.iamuseraudit.activity;

import io.iamuseraudit.account.MemberAccount;

/** Where an account's IAM credential report comes from. */
public interface CredentialReportSource {

	/**
	 * The account's credential report, generated anew when none younger than four hours
	 * exists.
	 * @throws io.iamuseraudit.account.AccountAccessException when it cannot be had
	 */
	CredentialReport fetch(MemberAccount account);

}
