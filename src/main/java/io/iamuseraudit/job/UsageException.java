package io.iamuseraudit.job;

/** The command line is not one the job understands. */
class UsageException extends RuntimeException {

	static final String USAGE = "usage: java -jar iam-user-audit.jar [reportDate=YYYY-MM-DD] [--audit.<property>=<value> ...]";

	UsageException(String message) {
		super(message + "\n" + USAGE);
	}

}
