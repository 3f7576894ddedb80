package io.iamuseraudit;

/**
 * The configuration names something that does not exist or cannot work (an aggregator, a
 * query without a required field). The message says what to fix; the run ends with exit
 * code 2.
 */
public class InvalidConfigurationException extends RuntimeException {

	public InvalidConfigurationException(String message) {
		super(message);
	}

	public InvalidConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}

	/** Whether the failure, or any of its causes, is one of these. */
	public static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationException) {
				return true;
			}
		}
		return false;
	}

}
