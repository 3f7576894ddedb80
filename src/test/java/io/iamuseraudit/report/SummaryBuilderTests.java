package io.iamuseraudit.report;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Comparison;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.report.ReportSummary.AccountSummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which accounts a summary calls fully audited. (Its speed on many accounts is measured
 * by the benchmark, not here.)
 */
class SummaryBuilderTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	@Test
	void saysWhichAccountsWereFullyAudited() {
		SummaryBuilder builder = new SummaryBuilder();
		List.of("111111111111", "222222222222", "333333333333").forEach((account) -> builder.add(user(account)));

		ReportSummary summary = build(builder,
				List.of(status("111111111111", true), status("222222222222", false), status("444444444444", false)));

		assertThat(summary.accountSummaries()).extracting(AccountSummary::accountId, AccountSummary::fullyAudited)
			.containsExactly(tuple("111111111111", true), tuple("222222222222", false), tuple("333333333333", true));
	}

	private static ReportSummary build(SummaryBuilder builder, List<AccountStatus> statuses) {
		return builder.build(REPORT_DATE, "test", true, null, List.of(), statuses, List.of(), List.of(), List.of());
	}

	private static AuditedUser user(String accountId) {
		IamUser user = new IamUser(accountId, "AIDA" + accountId, "user", "arn:aws:iam::" + accountId + ":user/user",
				"/", null, List.of(), List.of(), List.of(), List.of(), List.of("us-east-1"));
		return new AuditedUser(user, "account " + accountId, Owner.NONE, Creator.unknown("not looked up"),
				UserActivity.unknown(ActivityStatus.UNAVAILABLE), List.of(), Comparison.NONE, List.of());
	}

	private static AccountStatus status(String accountId, boolean fullyAudited) {
		return new AccountStatus(accountId, "account " + accountId, 1, fullyAudited, List.of(), true, 0, null,
				List.of());
	}

}
