package io.iamuseraudit.enrichment;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** Logs how far a long step is: counts, throughput and the time left. Not thread-safe. */
final class Progress {

	private static final Log logger = LogFactory.getLog(Progress.class);

	private static final long INTERVAL_NANOS = Duration.ofSeconds(10).toNanos();

	private final int accounts;

	private final long started = System.nanoTime();

	private long lastLogged = this.started;

	private int accountsDone;

	private long usersDone;

	Progress(int accounts) {
		this.accounts = accounts;
	}

	void accountDone(int users) {
		this.accountsDone++;
		this.usersDone += users;
		long now = System.nanoTime();
		if (now - this.lastLogged >= INTERVAL_NANOS || this.accountsDone == this.accounts) {
			this.lastLogged = now;
			logger.info(line(now));
		}
	}

	int accountsDone() {
		return this.accountsDone;
	}

	long usersDone() {
		return this.usersDone;
	}

	private String line(long now) {
		double seconds = Math.max(1e-3, (now - this.started) / 1e9);
		double accountsPerSecond = this.accountsDone / seconds;
		long secondsLeft = Math.round((this.accounts - this.accountsDone) / Math.max(accountsPerSecond, 1e-9));
		return "Enrichment: %,d/%,d accounts, %,d users, %,.0f users/s%s".formatted(this.accountsDone, this.accounts,
				this.usersDone, this.usersDone / seconds,
				(this.accountsDone < this.accounts) ? ", about %d s left".formatted(secondsLeft) : " (done)");
	}

}
