package io.iamuseraudit.activity;

/** Whether a user's activity is known. */
public enum ActivityStatus {

	/** The user's row was found in the account's credential report. */
	REPORTED,

	/**
	 * The report has no row for the user (created after the report, or a lagging
	 * inventory).
	 */
	NOT_IN_CREDENTIAL_REPORT,

	/** The account's credential report could not be read. */
	UNAVAILABLE

}
