package io.iamuseraudit.activity;

import java.time.LocalDate;

import io.iamuseraudit.account.MemberAccount;

/** Where an account's IAM credential report comes from. */
public interface CredentialReportSource {

	/**
	 * The account's credential report, generated anew when none younger than four hours
	 * exists.
	 * @param reportDate the audit's date (it names the session in the member account)
	 * @throws io.iamuseraudit.account.AccountAccessException when it cannot be had
	 */
	CredentialReport fetch(MemberAccount account, LocalDate reportDate);

}
