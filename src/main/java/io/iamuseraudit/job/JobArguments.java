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
		// A day of slack: a scheduler east of UTC names its own date before UTC reaches
		// it.
		if (reportDate.isAfter(today.plusDays(1))) {
			throw new UsageException(
					"reportDate " + reportDate + " is more than a day after today (" + today + " in UTC)");
		}
		return new JobArguments(reportDate);
	}

}
