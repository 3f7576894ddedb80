package io.iamuseraudit.activity;

import java.time.LocalDate;

import io.iamuseraudit.account.MemberAccount;

/** Where an account's IAM credential report comes from. */
public interface CredentialReportSource {

	/**
	 * The account's credential report, generated anew when none younger than four hours
	 * exists.
	 * @param reportDate the audit's date (it names the session in the member account)
	 * @throws io.iamuseraudit.account.AccountAccessException when it cannot be had, with
	 * the reason (the caller says it is about the credential report)
	 */
	CredentialReport fetch(MemberAccount account, LocalDate reportDate);

	/**
	 * Asks for the account's report to be generated, if it needs one, without waiting:
	 * IAM takes seconds, which then pass while other accounts are worked on. Failures are
	 * left for {@link #fetch} to report.
	 */
	default void prepare(MemberAccount account, LocalDate reportDate) {
	}

}
