package io.iamuseraudit.inventory;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** What one row of the inventory turned out to be. */
public sealed interface InventoryRow {

	/**
	 * A live IAM user.
	 *
	 * @param capturedAt when the region's recorder captured it
	 * ({@code configurationItemCaptureTime}), {@code null} when the row does not say
	 * @param problems parts of the row that could not be read (the user is kept)
	 */
	record LiveUser(IamUser user, Instant capturedAt, List<String> problems) implements InventoryRow {

		/**
		 * The same user as another region's recorder reported it: the fields of the later
		 * capture (this one's when neither is later) and the regions of both.
		 */
		public LiveUser merge(LiveUser other) {
			LiveUser latest = other.isCapturedAfter(this.capturedAt) ? other : this;
			return latest.withRegions(union(this.user.regions(), other.user.regions()));
		}

		/** The regions of both, in order, each once. */
		public static List<String> union(List<String> regions, List<String> more) {
			return Stream.concat(regions.stream(), more.stream()).distinct().toList();
		}

		/** Whether this capture is later than the given one (any is later than none). */
		public boolean isCapturedAfter(Instant time) {
			return this.capturedAt != null && (time == null || this.capturedAt.isAfter(time));
		}

		public LiveUser withRegions(List<String> regions) {
			IamUser user = this.user;
			return new LiveUser(new IamUser(user.accountId(), user.userId(), user.userName(), user.arn(), user.path(),
					user.createdAt(), user.tags(), user.groups(), user.attachedPolicies(), user.inlinePolicies(),
					List.copyOf(regions)), this.capturedAt, this.problems);
		}

	}

	/** A configuration item of a deleted user: not audited. */
	record DeletedUser(String accountId, String userName) implements InventoryRow {
	}

	/** A row that could not be read; kept for the report. */
	record RejectedRow(long rowNumber, String accountId, String reason, String excerpt) implements InventoryRow {
	}

}
