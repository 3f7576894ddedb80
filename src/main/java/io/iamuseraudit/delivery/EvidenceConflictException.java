package io.iamuseraudit.delivery;

/**
 * The archive already holds a different object under a key: evidence is never
 * overwritten.
 */
public class EvidenceConflictException extends RuntimeException {

	public EvidenceConflictException(String location) {
		super("The archive already holds a different " + location
				+ "; archived evidence is never overwritten. Investigate before deleting anything.");
	}

}
