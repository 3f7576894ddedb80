package io.iamuseraudit.activity;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.inventory.IamUser;

/**
 * Decides a user's findings from its inventory, owner and activity. A user with
 * {@code inactive-days} or more days without activity is inactive (CIS counts the same
 * way); a key is unrotated when older than {@code key-max-age-days} (Security Hub's
 * IAM.3). Pure and thread-safe.
 */
public final class FindingsEvaluator {

	private final FindingsProperties thresholds;

	public FindingsEvaluator(FindingsProperties thresholds) {
		this.thresholds = thresholds;
	}

	public List<Finding> evaluate(IamUser user, Owner owner, UserActivity activity, LocalDate reportDate) {
		Set<Finding> findings = EnumSet.noneOf(Finding.class);
		if (!owner.known()) {
			findings.add(Finding.NO_OWNER);
		}
		if (user.attachedPolicies().stream().anyMatch(this.thresholds.privilegedPolicies()::contains)) {
			findings.add(Finding.ADMIN_ACCESS);
		}
		if (!user.attachedPolicies().isEmpty() || !user.inlinePolicies().isEmpty()) {
			findings.add(Finding.DIRECT_POLICIES);
		}
		if (activity.status() == ActivityStatus.REPORTED) {
			addActivityFindings(activity, reportDate, findings);
		}
		return List.copyOf(findings);
	}

	private void addActivityFindings(UserActivity activity, LocalDate reportDate, Set<Finding> findings) {
		if (activity.daysInactive() != null && activity.daysInactive() >= this.thresholds.inactiveDays()) {
			findings.add(Finding.INACTIVE);
		}
		if (Boolean.TRUE.equals(activity.passwordEnabled()) && !Boolean.TRUE.equals(activity.mfaActive())) {
			findings.add(Finding.CONSOLE_WITHOUT_MFA);
		}
		List<AccessKey> activeKeys = List.of(activity.accessKey1(), activity.accessKey2())
			.stream()
			.filter(AccessKey::active)
			.toList();
		if (activeKeys.size() == 2) {
			findings.add(Finding.TWO_ACTIVE_KEYS);
		}
		for (AccessKey key : activeKeys) {
			if (key.lastRotated() != null
					&& UserActivity.daysBetween(key.lastRotated(), reportDate) > this.thresholds.keyMaxAgeDays()) {
				findings.add(Finding.ACCESS_KEY_NOT_ROTATED);
			}
			if (key.lastUsed() == null
					|| UserActivity.daysBetween(key.lastUsed(), reportDate) >= this.thresholds.inactiveDays()) {
				findings.add(Finding.UNUSED_ACCESS_KEY);
			}
		}
	}

}
