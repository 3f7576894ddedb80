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
		return notFound(user, historyStart, false);
	}

	/**
	 * Why no {@code CreateUser} event was found for a user.
	 * @param orgTrailSearched whether the organization trail's log files of the user's
	 * creation were read too
	 */
	public static Creator notFound(IamUser user, Instant historyStart, boolean orgTrailSearched) {
		if (user.createdAt() == null) {
			return Creator.unknown("creation date unknown");
		}
		if (user.createdAt().isBefore(historyStart)) {
			return Creator.unknown(orgTrailSearched ? "before CloudTrail retention, not in the organization trail"
					: "before CloudTrail retention");
		}
		return Creator.unknown("no CreateUser event found");
	}

}
