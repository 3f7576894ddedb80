package io.iamuseraudit.delivery;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.report.ReportSummary;
import io.iamuseraudit.report.ReportSummary.FindingCount;
import io.iamuseraudit.report.ReportSummary.LabelCount;

/** Report summaries crafted for email tests. */
final class Summaries {

	static final String SCRIPT = "<script>alert(1)</script>";

	private Summaries() {
	}

	/**
	 * An audit whose data carries markup wherever a name or tag value reaches the email.
	 */
	static ReportSummary withMarkupInNames(LocalDate reportDate) {
		AccountStatus hostile = new AccountStatus("111122223333", SCRIPT, 3, false,
				List.of("AssumeRole denied for owner " + SCRIPT), null, null, null, List.of());
		return new ReportSummary(reportDate, "aggregator " + SCRIPT, false, reportDate.minusDays(14), 1284, 42, 1000,
				37, 30, 12, 5, List.of(new FindingCount("NO_OWNER", "MEDIUM", "No owner tag", 284, 3, 1)), List.of(),
				List.of(), List.of(new LabelCount("NEW", 12)), List.of(), List.of(), List.of(), List.of(hostile),
				List.of(), List.of("Owner tag \"" + SCRIPT + "\" could not be read & was ignored"), List.of(),
				List.of());
	}

}
