package io.iamuseraudit.history;

/** How a user differs from the previous completed audit. */
public enum Change {

	/**
	 * Not in the previous audit (a user re-created under the same name is new: its id
	 * changed).
	 */
	NEW,

	/** In the previous audit, gone now; kept with what was last known of it. */
	REMOVED,

	/** Owner, groups or attached policies changed. */
	CHANGED,

	UNCHANGED

}
