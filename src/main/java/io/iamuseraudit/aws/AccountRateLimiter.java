package io.iamuseraudit.aws;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Keeps the calls made for one account within a per-second quota: a call starts only once
 * the call {@code perSecond} calls before it has completed a second (and a little) ago.
 * That call reached AWS before it completed, so latency can never squeeze more than
 * {@code perSecond} calls into one second of AWS's clock. Calls for one account run one
 * at a time; accounts do not wait for each other. Thread-safe.
 */
public final class AccountRateLimiter {

	private static final long SECOND_AND_MARGIN = Duration.ofMillis(1020).toNanos();

	private final int perSecond;

	private final Map<String, Deque<Long>> completions = new ConcurrentHashMap<>();

	public AccountRateLimiter(int perSecond) {
		this.perSecond = perSecond;
	}

	/** Makes a call for the account, once its quota allows. */
	public <T> T call(String accountId, Supplier<T> call) throws InterruptedException {
		Deque<Long> completed = this.completions.computeIfAbsent(accountId, key -> new ArrayDeque<>());
		synchronized (completed) {
			if (completed.size() >= this.perSecond) {
				long wait = completed.removeFirst() + SECOND_AND_MARGIN - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
			}
			try {
				return call.get();
			}
			finally {
				completed.addLast(System.nanoTime());
			}
		}
	}

}
