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
		return notFound(user, historyStart, OrgTrail.NOT_SEARCHED);
	}

	/**
	 * Why no {@code CreateUser} event was found for a user.
	 * @param orgTrail what the organization trail had of the user's creation
	 */
	public static Creator notFound(IamUser user, Instant historyStart, OrgTrail orgTrail) {
		if (user.createdAt() == null) {
			return Creator.unknown("creation date unknown");
		}
		if (user.createdAt().isBefore(historyStart)) {
			return Creator.unknown(switch (orgTrail) {
				case NOT_SEARCHED -> "before CloudTrail retention";
				case NOT_FOUND -> "before CloudTrail retention, not in the organization trail";
				case NO_LOG_FILE -> "before CloudTrail retention, no organization trail log file of its creation";
			});
		}
		return Creator.unknown("no CreateUser event found");
	}

	/** What the organization trail had of a user's creation. */
	public enum OrgTrail {

		/** Not configured, so not searched. */
		NOT_SEARCHED,

		/** Its log files of the hour were read, without the event. */
		NOT_FOUND,

		/**
		 * No log file of the hour: the trail's prefix or organization id may be wrong.
		 */
		NO_LOG_FILE

	}

}
