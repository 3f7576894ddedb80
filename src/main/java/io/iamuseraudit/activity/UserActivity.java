package io.iamuseraudit.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * What the credential report says of a user's use of its credentials.
 *
 * @param lastActivity the latest of password and access key use, {@code null} if never
 * @param daysInactive days from the last activity (or from creation, if never used) to
 * the report date
 */
public record UserActivity(ActivityStatus status, Boolean passwordEnabled, Instant passwordLastUsed, Boolean mfaActive,
		AccessKey accessKey1, AccessKey accessKey2, Instant lastActivity, Integer daysInactive) {

	public static UserActivity unknown(ActivityStatus status) {
		return new UserActivity(status, null, null, null, AccessKey.NONE, AccessKey.NONE, null, null);
	}

	static UserActivity of(CredentialReportRow row, Instant createdAt, LocalDate reportDate) {
		Instant lastActivity = Stream
			.of(row.passwordLastUsed(), row.accessKey1().lastUsed(), row.accessKey2().lastUsed())
			.filter(java.util.Objects::nonNull)
			.max(Instant::compareTo)
			.orElse(null);
		Instant since = (lastActivity != null) ? lastActivity : createdAt;
		// An audit of a past date reads today's report: activity after that date
		// counts as zero days inactive.
		Integer daysInactive = (since != null) ? (int) Math.max(0, daysBetween(since, reportDate)) : null;
		return new UserActivity(ActivityStatus.REPORTED, row.passwordEnabled(), row.passwordLastUsed(), row.mfaActive(),
				row.accessKey1(), row.accessKey2(), lastActivity, daysInactive);
	}

	/** Whole days from an instant's date to the report date (UTC). */
	static long daysBetween(Instant instant, LocalDate reportDate) {
		return ChronoUnit.DAYS.between(instant.atOffset(ZoneOffset.UTC).toLocalDate(), reportDate);
	}

}
