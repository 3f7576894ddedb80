package io.iamuseraudit.fakeaws;

/** An error a fake service answers with: its code, HTTP status and message. */
final class AwsError extends RuntimeException {

	final int status;

	final String code;

	AwsError(int status, String code, String message) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
	}

	static AwsError throttling(String message) {
		return new AwsError(400, "ThrottlingException", message);
	}

}
