package io.iamuseraudit.fakeaws;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Refuses requests beyond a number per second (sliding window) with a
 * ThrottlingException. Thread-safe.
 */
final class RateLimit {

	private final Deque<Long> accepted = new ArrayDeque<>();

	private volatile int perSecond;

	void perSecond(int rate) {
		this.perSecond = rate;
	}

	synchronized void admit() {
		if (this.perSecond <= 0) {
			return;
		}
		long now = System.nanoTime();
		while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= 1_000_000_000L) {
			this.accepted.removeFirst();
		}
		if (this.accepted.size() >= this.perSecond) {
			throw AwsError.throttling("Rate exceeded");
		}
		this.accepted.addLast(now);
	}

}
