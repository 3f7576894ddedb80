package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.iamuseraudit.account.MemberAccount;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Threads enriching the accounts of one audit, several at a time (each account's own API
 * quotas are respected by the sources, so many accounts take about as long as the
 * slowest). Accounts are handed to them one by one; {@link #awaitAll} waits for those
 * handed so far. Once an account fails, none is started any more. Accounts are handed and
 * awaited from one thread.
 */
final class EnrichmentWorkers {

	private static final Log logger = LogFactory.getLog(EnrichmentWorkers.class);

	private final AccountEnrichment enrichment;

	private final LocalDate reportDate;

	private final ThreadPoolExecutor preparing;

	private final ThreadPoolExecutor executor;

	private final CompletionService<Integer> completed;

	/** Requests ahead, by account, until its enrichment starts. */
	private final Map<String, RequestAhead> requestsAhead = new ConcurrentHashMap<>();

	// Workers are never interrupted: H2 closes its file when a thread inside it is
	// interrupted, and with it the history database for the rest of the run. They check
	// this flag between accounts instead.
	private final AtomicBoolean cancelled = new AtomicBoolean();

	private int handed;

	EnrichmentWorkers(AccountEnrichment enrichment, LocalDate reportDate, int threads) {
		this.enrichment = enrichment;
		this.reportDate = reportDate;
		// Requests ahead have threads of their own, so that they go out at once, not
		// behind accounts waiting for their reports.
		this.preparing = pool("prepare-", threads);
		this.executor = pool("enrich-", threads);
		this.completed = new ExecutorCompletionService<>(this.executor);
	}

	private static ThreadPoolExecutor pool(String prefix, int threads) {
		CustomizableThreadFactory threadFactory = new CustomizableThreadFactory(prefix);
		// Daemon threads: a job stopped between two steps must not keep the JVM alive.
		threadFactory.setDaemon(true);
		ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threadFactory);
		pool.allowCoreThreadTimeOut(true);
		return pool;
	}

	/** Asks ahead for what AWS needs time to prepare for the account. */
	void prepare(MemberAccount account) {
		RequestAhead request = new RequestAhead();
		this.requestsAhead.put(account.id(), request);
		this.preparing.execute(() -> request.runUnlessEnriching(() -> {
			if (!this.cancelled.get()) {
				this.enrichment.prepare(account, this.reportDate);
			}
		}));
	}

	void enrich(MemberAccount account) {
		this.completed.submit(() -> enrichUnlessCancelled(account));
		this.handed++;
	}

	/** The users of an account enriched, {@code null} if it was not started. */
	private Integer enrichUnlessCancelled(MemberAccount account) {
		if (this.cancelled.get()) {
			return null;
		}
		try {
			endRequestAhead(account);
			return this.enrichment.enrich(account, this.reportDate);
		}
		catch (RuntimeException | Error ex) {
			// Set here, not when the waiting thread sees the failure: this thread's next
			// account must not start either.
			this.cancelled.set(true);
			logger.error("Enrichment of account %s failed; no further account is started".formatted(account.id()), ex);
			throw ex;
		}
	}

	/**
	 * The account's request ahead is not needed once its enrichment starts; one that is
	 * under way is waited for, so that its API calls are counted with the account's.
	 */
	private void endRequestAhead(MemberAccount account) {
		RequestAhead request = this.requestsAhead.remove(account.id());
		if (request != null) {
			request.enriching();
		}
	}

	int handed() {
		return this.handed;
	}

	/**
	 * Waits for every account handed so far, telling {@code progress} of each; throws
	 * what the first that failed threw.
	 */
	void awaitAll(Progress progress) throws Exception {
		try {
			for (; this.handed > 0; this.handed--) {
				Integer users = this.completed.take().get();
				if (users != null) {
					progress.accountDone(users);
				}
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
	}

	/** Starts no further account and waits for those running to finish. */
	void close() {
		this.cancelled.set(true);
		this.preparing.shutdown();
		this.executor.shutdown();
		try {
			while (!this.executor.awaitTermination(30, TimeUnit.SECONDS)
					|| !this.preparing.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.info("Waiting for the accounts being enriched to finish");
			}
		}
		catch (InterruptedException ex) {
			// The workers are left to finish their account: they start no other.
			Thread.currentThread().interrupt();
		}
	}

	/** One account's request ahead: made before its enrichment starts, or not at all. */
	private static final class RequestAhead {

		private final AtomicBoolean claimed = new AtomicBoolean();

		private final CountDownLatch over = new CountDownLatch(1);

		void runUnlessEnriching(Runnable request) {
			if (this.claimed.compareAndSet(false, true)) {
				try {
					request.run();
				}
				finally {
					this.over.countDown();
				}
			}
		}

		/** Skips the request if it has not started, else waits for it to end. */
		void enriching() {
			if (this.claimed.compareAndSet(false, true)) {
				return;
			}
			try {
				this.over.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
