package io.iamuseraudit.delivery;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a {@link FailureNotice} tells the on-call about restarting, for each kind of
 * failure.
 */
class FailureNoticeTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private final FailureNotice notice = new FailureNotice(new EmailProperties(null, List.of(), List.of(),
			DataSize.ofMegabytes(40), false, List.of("oncall@example.com"), null), (message) -> "unused");

	@Test
	void collectStepRestartsFromTheFirstPage() throws Exception {
		assertThat(text("collectUsers", false)).contains("failed in collectUsers", "same reportDate=2026-11-24",
				"collects the users again from the first page");
	}

	@Test
	void enrichStepKeepsTheAccountsAlreadyEnriched() throws Exception {
		assertThat(text("enrichUsers", false)).contains("keeps the users collected and the accounts already enriched");
	}

	@Test
	void laterStepsResumeWithoutDeliveringTwice() throws Exception {
		assertThat(text("emailReport", false)).contains("It resumes at emailReport",
				"emails nothing that was already delivered");
	}

	@Test
	void failureOutsideAnyStepNamesTheJob() throws Exception {
		ReceivedEmail received = ReceivedEmail.afterSending(this.notice.message(REPORT_DATE, null, "boom", false));

		assertThat(received.subject()).isEqualTo("IAM user audit 2026-11-24 FAILED in the job");
		assertThat(received.text()).contains("It resumes where the audit stopped").doesNotContain("null");
	}

	@Test
	void configurationProblemAsksForTheFixBeforeTheRestart() throws Exception {
		assertThat(text("collectUsers", true))
			.contains("configuration problem: a restart alone fails again", "Fix the setting named above")
			.doesNotContain("first page");
	}

	private String text(String failedStep, boolean invalidConfiguration) throws Exception {
		return ReceivedEmail
			.afterSending(this.notice.message(REPORT_DATE, failedStep, "it broke", invalidConfiguration))
			.text();
	}

}
