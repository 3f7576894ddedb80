package io.iamuseraudit.job;

/** The process exit codes that cron and operators see. */
public enum AuditExitCode {

	/** The audit completed. */
	COMPLETED(0),

	/** The audit failed; restarting with the same report date resumes it. */
	FAILED(1),

	/** Invalid configuration or usage: nothing was run. */
	INVALID(2),

	/**
	 * The audit completed, but some users, accounts or rows could not be fully audited
	 * (the report says which).
	 */
	COMPLETED_WITH_WARNINGS(3),

	/**
	 * Another audit is running against the same history database: nothing was started
	 * ({@code EX_TEMPFAIL}, as the cron wrapper's own lock).
	 */
	BUSY(75);

	private final int code;

	AuditExitCode(int code) {
		this.code = code;
	}

	public int code() {
		return this.code;
	}

}
