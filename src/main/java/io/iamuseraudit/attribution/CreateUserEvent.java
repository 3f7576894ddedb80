package io.iamuseraudit.attribution;

import java.time.Duration;
import java.time.Instant;

import io.iamuseraudit.inventory.IamUser;

/**
 * A successful {@code CreateUser} call found in CloudTrail.
 *
 * @param accountId the account the user was created in
 * @param userName the user created
 * @param userId the new user's id, when the event's response names it
 * @param eventTime when the call was made
 * @param creator who made it
 */
public record CreateUserEvent(String accountId, String userName, String userId, Instant eventTime, Creator creator) {

	/**
	 * How far an event may be from the user's creation date and still be its creation.
	 */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(10);

	/**
	 * Whether this event created the given user: the same user id, or, when the event
	 * does not name one, the same name at the user's creation time (a user deleted and
	 * re-created under the same name is another user).
	 */
	public boolean created(IamUser user) {
		if (this.accountId != null && !this.accountId.equals(user.accountId())) {
			return false;
		}
		if (this.userId != null) {
			return this.userId.equals(user.userId());
		}
		return this.userName.equals(user.userName()) && (user.createdAt() == null
				|| Duration.between(user.createdAt(), this.eventTime).abs().compareTo(CLOCK_SKEW) <= 0);
	}

}
