package io.iamuseraudit.attribution;

import java.time.Duration;
import java.time.Instant;

import io.iamuseraudit.inventory.IamUser;

/** CloudTrail's event history keeps 90 days: what that means for finding a creator. */
public final class CloudTrailRetention {

	public static final Duration EVENT_HISTORY = Duration.ofDays(90);

	private CloudTrailRetention() {
	}

	/**
	 * Why no {@code CreateUser} event was found for a user, given where the history
	 * starts.
	 */
	public static Creator notFound(IamUser user, Instant historyStart) {
		if (user.createdAt() == null) {
			return Creator.unknown("creation date unknown");
		}
		if (user.createdAt().isBefore(historyStart)) {
			return Creator.unknown("before CloudTrail retention");
		}
		return Creator.unknown("no CreateUser event found");
	}

}
