package io.iamuseraudit.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.iamuseraudit.ReportDate;

/**
 * The job's own command-line arguments (the ones without {@code --}, which are Spring
 * properties): {@code reportDate=YYYY-MM-DD}, today (UTC) by default.
 */
record JobArguments(LocalDate reportDate) {

	static JobArguments parse(List<String> arguments, LocalDate today) {
		LocalDate reportDate = today;
		for (String argument : arguments) {
			String prefix = ReportDate.PARAMETER + "=";
			if (!argument.startsWith(prefix)) {
				throw new UsageException("Unknown argument '" + argument + "'");
			}
			try {
				reportDate = LocalDate.parse(argument.substring(prefix.length()));
			}
			catch (DateTimeParseException ex) {
				throw new UsageException("reportDate must be a date like " + today + ", not '"
						+ argument.substring(prefix.length()) + "'");
			}
		}
		if (reportDate.isAfter(today.plusDays(1))) {
			throw new UsageException("reportDate " + reportDate + " is in the future");
		}
		return new JobArguments(reportDate);
	}

}
