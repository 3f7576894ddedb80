package io.iamuseraudit.job;

/**
 * Reads why a run failed. Spring Batch wraps what a step threw (a chunk step in "Unable
 * to process chunk"), so the reason is looked for along the causes.
 */
final class Failures {

	private Failures() {
	}

	/** The message an operator can act on: the audit's own, else the innermost one. */
	static String reason(Throwable failure) {
		Throwable innermost = failure;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause.getClass().getName().startsWith("io.iamuseraudit.")) {
				return cause.getMessage();
			}
			innermost = cause;
		}
		return innermost.getMessage();
	}

}
