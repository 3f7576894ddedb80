package io.iamuseraudit.history;

import java.sql.SQLException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a history database that cannot be opened at start-up: an H2 file that another
 * process holds (an audit still running, or a console left open), or a database server
 * that cannot be reached. Nothing has been audited or written when this happens.
 */
class HistoryDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
		String message = String.valueOf(cause.getMessage());
		if (message.contains("Database may be already in use") || message.contains("locked by another process")) {
			return new FailureAnalysis("The history database is in use by another process: " + firstLine(message),
					"Wait for the audit that is running to finish (the cron wrapper's lock prevents overlapping "
							+ "runs), or close whatever else has the H2 file open. Nothing was audited or written.",
					cause);
		}
		if ("08001".equals(cause.getSQLState()) || "08006".equals(cause.getSQLState())
				|| message.contains("Connection refused")) {
			return new FailureAnalysis("The history database cannot be reached: " + firstLine(message),
					"Check spring.datasource.url, the network and the database server. Nothing was audited or written.",
					cause);
		}
		return null;
	}

	private static String firstLine(String message) {
		int end = message.indexOf('\n');
		return (end > 0) ? message.substring(0, end) : message;
	}

}
