package io.iamuseraudit.account;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Lists the organization's account names while the collect step reads the inventory, for
 * the enrichUsers step: Organizations' pages come one after another (500 of them for
 * 10,000 accounts), as Config's do, so the two lists are read side by side.
 */
public final class AccountNamesAhead implements StepExecutionListener {

	private final AccountDirectory directory;

	private final AtomicReference<Future<Map<String, String>>> ahead = new AtomicReference<>();

	public AccountNamesAhead(AccountDirectory directory) {
		this.directory = directory;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		FutureTask<Map<String, String>> listing = new FutureTask<>(this.directory::accountNames);
		Thread thread = new Thread(listing, "account-names");
		// A job that stops meanwhile must not wait for it.
		thread.setDaemon(true);
		thread.start();
		this.ahead.set(listing);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			Future<Map<String, String>> listing = this.ahead.getAndSet(null);
			if (listing != null) {
				// Interrupting is safe here: listing accounts touches no database.
				listing.cancel(true);
			}
		}
		return null;
	}

	/**
	 * The names listed while the inventory was read, or listed now (enrichUsers restarted
	 * in another process).
	 */
	public Map<String, String> accountNames() {
		Future<Map<String, String>> listing = this.ahead.getAndSet(null);
		if (listing == null) {
			return this.directory.accountNames();
		}
		try {
			return listing.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while listing the organization's accounts", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause
					: new IllegalStateException("Cannot list the organization's accounts", ex.getCause());
		}
	}

}
