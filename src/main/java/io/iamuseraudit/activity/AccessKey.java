package io.iamuseraudit.activity;

import java.time.Instant;

/**
 * One of a user's two access keys, as the credential report shows it.
 *
 * @param lastRotated when the key was created or last rotated, {@code null} if never
 * @param lastUsed {@code null} when never used
 */
public record AccessKey(boolean active, Instant lastRotated, Instant lastUsed) {

	public static final AccessKey NONE = new AccessKey(false, null, null);

}
