package io.iamuseraudit.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.inventory.IamUser;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class FindingsEvaluatorTests {

	private static final LocalDate REPORT_DATE = LocalDate.parse("2026-11-24");

	private static final Owner OWNED = new Owner("team-a", "owner");

	private final FindingsEvaluator evaluator = new FindingsEvaluator(
			new FindingsProperties(90, 90, List.of("AdministratorAccess", "PowerUserAccess")));

	@Test
	void findsNothingWrongWithAnOwnedActiveUserInGroups() {
		assertThat(evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), AccessKey.NONE, AccessKey.NONE)))
			.isEmpty();
	}

	@Test
	void noOwnerWithoutAnOwnerTag() {
		assertThat(evaluate(user(List.of(), List.of()), Owner.NONE, active(daysAgo(1), AccessKey.NONE, AccessKey.NONE)))
			.containsExactly(Finding.NO_OWNER);
	}

	@ParameterizedTest(name = "{0} days without activity: inactive {1}")
	@CsvSource({ "89, false", "90, true", "91, true" })
	void inactiveFromNinetyDaysWithoutActivity(int days, boolean inactive) {
		List<Finding> findings = evaluate(user(List.of(), List.of()), OWNED,
				active(daysAgo(days), AccessKey.NONE, AccessKey.NONE));

		assertThat(findings.contains(Finding.INACTIVE)).isEqualTo(inactive);
	}

	@ParameterizedTest(name = "never used, created {0} days ago: inactive {1}")
	@CsvSource({ "89, false", "90, true", "91, true" })
	void inactiveWhenNeverUsedAndOlderThanTheThreshold(int days, boolean inactive) {
		IamUser user = user(List.of(), List.of());
		CredentialReportRow row = new CredentialReportRow("u", "arn", daysAgo(days), false, null, false, AccessKey.NONE,
				AccessKey.NONE);

		List<Finding> findings = this.evaluator.evaluate(user, OWNED, UserActivity.of(row, daysAgo(days), REPORT_DATE),
				REPORT_DATE);

		assertThat(findings.contains(Finding.INACTIVE)).isEqualTo(inactive);
	}

	@ParameterizedTest(name = "active key rotated {0} days ago: not rotated {1}")
	@CsvSource({ "89, false", "90, false", "91, true" })
	void accessKeyNotRotatedWhenOlderThanNinetyDays(int days, boolean notRotated) {
		AccessKey key = new AccessKey(true, daysAgo(days), daysAgo(1));

		List<Finding> findings = evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), key, AccessKey.NONE));

		assertThat(findings.contains(Finding.ACCESS_KEY_NOT_ROTATED)).isEqualTo(notRotated);
	}

	@ParameterizedTest(name = "active key last used {0} days ago: unused {1}")
	@CsvSource({ "89, false", "90, true", "91, true" })
	void unusedAccessKeyFromNinetyDaysWithoutUse(int days, boolean unused) {
		AccessKey key = new AccessKey(true, daysAgo(10), daysAgo(days));

		List<Finding> findings = evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), key, AccessKey.NONE));

		assertThat(findings.contains(Finding.UNUSED_ACCESS_KEY)).isEqualTo(unused);
	}

	@Test
	void unusedAccessKeyWhenAnActiveKeyWasNeverUsed() {
		AccessKey neverUsed = new AccessKey(true, daysAgo(10), null);

		assertThat(evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), neverUsed, AccessKey.NONE)))
			.containsExactly(Finding.UNUSED_ACCESS_KEY);
	}

	@Test
	void inactiveKeysAreNotJudged() {
		AccessKey inactive = new AccessKey(false, daysAgo(400), null);

		assertThat(evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), inactive, inactive))).isEmpty();
	}

	@Test
	void twoActiveKeys() {
		AccessKey key = new AccessKey(true, daysAgo(10), daysAgo(1));

		assertThat(evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(1), key, key)))
			.containsExactly(Finding.TWO_ACTIVE_KEYS);
	}

	@Test
	void consoleWithoutMfa() {
		UserActivity activity = new UserActivity(ActivityStatus.REPORTED, true, daysAgo(1), false, AccessKey.NONE,
				AccessKey.NONE, daysAgo(1), 1);

		assertThat(evaluate(user(List.of(), List.of()), OWNED, activity)).containsExactly(Finding.CONSOLE_WITHOUT_MFA);
	}

	@Test
	void consoleWithMfaIsFine() {
		UserActivity activity = new UserActivity(ActivityStatus.REPORTED, true, daysAgo(1), true, AccessKey.NONE,
				AccessKey.NONE, daysAgo(1), 1);

		assertThat(evaluate(user(List.of(), List.of()), OWNED, activity)).isEmpty();
	}

	@Test
	void adminAccessForAnyConfiguredPrivilegedPolicyAttachedDirectly() {
		assertThat(evaluate(user(List.of("PowerUserAccess"), List.of()), OWNED,
				active(daysAgo(1), AccessKey.NONE, AccessKey.NONE)))
			.containsExactly(Finding.ADMIN_ACCESS, Finding.DIRECT_POLICIES);
	}

	@Test
	void directPoliciesForManagedOrInlinePolicies() {
		assertThat(evaluate(user(List.of("ReadOnlyAccess"), List.of()), OWNED,
				active(daysAgo(1), AccessKey.NONE, AccessKey.NONE)))
			.containsExactly(Finding.DIRECT_POLICIES);
		assertThat(
				evaluate(user(List.of(), List.of("inline")), OWNED, active(daysAgo(1), AccessKey.NONE, AccessKey.NONE)))
			.containsExactly(Finding.DIRECT_POLICIES);
	}

	@Nested
	class WithoutACredentialReport {

		@Test
		void judgesOnlyWhatTheInventorySays() {
			List<Finding> findings = evaluate(user(List.of("AdministratorAccess"), List.of()), Owner.NONE,
					UserActivity.unknown(ActivityStatus.UNAVAILABLE));

			assertThat(findings).containsExactly(Finding.ADMIN_ACCESS, Finding.NO_OWNER, Finding.DIRECT_POLICIES);
		}

		@Test
		void doesNotCallAUserMissingFromTheReportInactive() {
			assertThat(evaluate(user(List.of(), List.of()), OWNED,
					UserActivity.unknown(ActivityStatus.NOT_IN_CREDENTIAL_REPORT)))
				.isEmpty();
		}

	}

	@Test
	void thresholdsAreConfigurable() {
		FindingsEvaluator strict = new FindingsEvaluator(
				new FindingsProperties(45, 30, List.of("AdministratorAccess")));
		AccessKey key = new AccessKey(true, daysAgo(31), daysAgo(45));

		assertThat(strict.evaluate(user(List.of(), List.of()), OWNED, active(daysAgo(45), key, AccessKey.NONE),
				REPORT_DATE))
			.containsExactly(Finding.INACTIVE, Finding.ACCESS_KEY_NOT_ROTATED, Finding.UNUSED_ACCESS_KEY);
	}

	private List<Finding> evaluate(IamUser user, Owner owner, UserActivity activity) {
		return this.evaluator.evaluate(user, owner, activity, REPORT_DATE);
	}

	/**
	 * Activity as the report shows it, last activity given (the keys' own use is judged
	 * on its own).
	 */
	private static UserActivity active(Instant lastActivity, AccessKey key1, AccessKey key2) {
		return new UserActivity(ActivityStatus.REPORTED, false, null, false, key1, key2, lastActivity,
				(int) UserActivity.daysBetween(lastActivity, REPORT_DATE));
	}

	private static IamUser user(List<String> attached, List<String> inline) {
		return new IamUser("111111111111", "AIDAUSER", "u", "arn", "/", daysAgo(500), List.of(), List.of("developers"),
				attached, inline, List.of("us-east-1"));
	}

	private static Instant daysAgo(int days) {
		return REPORT_DATE.minusDays(days).atTime(12, 0).toInstant(ZoneOffset.UTC);
	}

}
