package io.iamuseraudit.report;

/** Closing what a failure leaves open, without hiding that failure. */
final class Closing {

	private Closing() {
	}

	static void quietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// The failure that got here is the one to report.
		}
	}

}
