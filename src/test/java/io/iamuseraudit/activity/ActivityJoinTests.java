package io.iamuseraudit.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.inventory.IamUser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityJoinTests {

	private static final LocalDate REPORT_DATE = LocalDate.parse("2026-11-24");

	private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");

	@Test
	void joinsByArn() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/alice", "2026-11-20T00:00:00Z")));

		UserActivity activity = join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(activity.status()).isEqualTo(ActivityStatus.REPORTED);
		assertThat(activity.lastActivity()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
		assertThat(activity.daysInactive()).isEqualTo(4);
		assertThat(join.unmatchedReportUsers()).isEmpty();
	}

	@Test
	void fallsBackToTheUserNameWhenTheArnDiffers() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/team/alice", null)));

		UserActivity activity = join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(activity.status()).isEqualTo(ActivityStatus.REPORTED);
	}

	@Test
	void showsAnInventoryUserMissingFromTheReport() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/alice", null)));

		UserActivity activity = join.activityOf(user("bob", "arn:aws:iam::1:user/bob"), REPORT_DATE);

		assertThat(activity.status()).isEqualTo(ActivityStatus.NOT_IN_CREDENTIAL_REPORT);
		assertThat(activity.daysInactive()).isNull();
		assertThat(activity.lastActivity()).isNull();
	}

	@Test
	void listsReportUsersTheInventoryDoesNotKnow() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/alice", null),
				row("new.hire", "arn:aws:iam::1:user/new.hire", null)));

		join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(join.unmatchedReportUsers()).containsExactly("new.hire");
	}

	@Test
	void countsDaysInactiveFromCreationForANeverUsedUser() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/alice", null)));

		UserActivity activity = join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(activity.lastActivity()).isNull();
		assertThat(activity.daysInactive()).isEqualTo(327);
	}

	@Test
	void takesTheLatestOfPasswordAndKeyUse() {
		CredentialReportRow row = new CredentialReportRow("alice", "arn:aws:iam::1:user/alice", CREATED, true,
				Instant.parse("2026-10-01T00:00:00Z"), true,
				new AccessKey(true, CREATED, Instant.parse("2026-11-01T00:00:00Z")),
				new AccessKey(true, CREATED, Instant.parse("2026-11-10T00:00:00Z")));
		ActivityJoin join = new ActivityJoin(report(row));

		UserActivity activity = join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(activity.lastActivity()).isEqualTo(Instant.parse("2026-11-10T00:00:00Z"));
		assertThat(activity.daysInactive()).isEqualTo(14);
	}

	@Test
	void neverCountsNegativeDaysForAnAuditOfAPastDate() {
		ActivityJoin join = new ActivityJoin(report(row("alice", "arn:aws:iam::1:user/alice", "2026-11-26T00:00:00Z")));

		UserActivity activity = join.activityOf(user("alice", "arn:aws:iam::1:user/alice"), REPORT_DATE);

		assertThat(activity.daysInactive()).isZero();
	}

	private static CredentialReport report(CredentialReportRow... rows) {
		return new CredentialReport(Instant.parse("2026-11-24T05:00:00Z"), List.of(rows), null, List.of());
	}

	private static CredentialReportRow row(String user, String arn, String passwordLastUsed) {
		return new CredentialReportRow(user, arn, CREATED, passwordLastUsed != null,
				(passwordLastUsed != null) ? Instant.parse(passwordLastUsed) : null, false, AccessKey.NONE,
				AccessKey.NONE);
	}

	private static IamUser user(String name, String arn) {
		return new IamUser("111111111111", "AIDA" + name, name, arn, "/", CREATED, List.of(), List.of(), List.of(),
				List.of(), List.of("us-east-1"));
	}

}
