package io.iamuseraudit.delivery;

/**
 * The archive or the mail service refused a delivery. The message says what to check; the
 * step fails, the run ends with exit code 1, and running the same command again resumes
 * at that step once the cause is fixed.
 */
public class DeliveryException extends RuntimeException {

	public DeliveryException(String message) {
		super(message);
	}

	public DeliveryException(String message, Throwable cause) {
		super(message, cause);
	}

}
