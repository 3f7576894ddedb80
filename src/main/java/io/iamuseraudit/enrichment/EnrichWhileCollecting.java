package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.inventory.InventoryRow;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Enriches accounts while the collect step still reads the inventory, which comes ordered
 * by account: once a committed chunk holds a later account, the accounts before it are
 * complete and are enriched at once (their credential reports are asked for as soon as
 * they appear), the last one when the step completes. Reading the inventory mostly waits
 * for Config's pages, so this hides most of the enrichment. The {@code enrichUsers} step
 * takes the workers over, waits for them and enriches any account they did not.
 * <p>
 * Rows out of account order (an inventory query without {@code ORDER BY accountId}) could
 * add users to accounts already enriched: before such rows are written, the workers stop
 * and the accounts they enriched are forgotten, in the rows' own transaction, so that
 * {@code enrichUsers} enriches every account, even after a crash. A collect step that
 * fails stops the workers; its restart starts over from a clean slate. Workers a job
 * leaves behind are stopped when it ends.
 */
public final class EnrichWhileCollecting
		implements StepExecutionListener, ItemWriteListener<InventoryRow>, JobExecutionListener {

	private static final Log logger = LogFactory.getLog(EnrichWhileCollecting.class);

	private final AccountEnrichment enrichment;

	private final AccountStatuses accounts;

	private final int concurrency;

	private volatile Collecting collecting;

	public EnrichWhileCollecting(AccountEnrichment enrichment, AccountStatuses accounts, int concurrency) {
		this.enrichment = enrichment;
		this.accounts = accounts;
		this.concurrency = concurrency;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		closeLeftovers();
		LocalDate reportDate = ReportDate.of(stepExecution);
		this.collecting = new Collecting(reportDate,
				new EnrichmentWorkers(this.enrichment, reportDate, this.concurrency));
	}

	@Override
	public void beforeWrite(Chunk<? extends InventoryRow> rows) {
		Collecting current = this.collecting;
		if (current.outOfOrder || current.inOrder(accountIds(rows))) {
			return;
		}
		current.outOfOrder = true;
		current.workers().close();
		this.accounts.deleteAudit(current.reportDate());
		logger.warn("The inventory's rows are not ordered by account (does the query end with ORDER BY accountId?):"
				+ " the accounts are enriched after the inventory is read, not while it is");
	}

	@Override
	public void afterWrite(Chunk<? extends InventoryRow> rows) {
		Collecting current = this.collecting;
		if (current.outOfOrder) {
			return;
		}
		List<String> accountIds = accountIds(rows);
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					current.committed(accountIds);
				}
			});
		}
		else {
			current.committed(accountIds);
		}
	}

	private static List<String> accountIds(Chunk<? extends InventoryRow> rows) {
		List<String> accountIds = new ArrayList<>();
		for (InventoryRow row : rows) {
			if (row instanceof LiveUser live) {
				accountIds.add(live.user().accountId());
			}
		}
		return accountIds;
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		Collecting current = this.collecting;
		if (current == null) {
			return null;
		}
		if (stepExecution.getStatus() != BatchStatus.COMPLETED || current.outOfOrder) {
			closeLeftovers();
		}
		else {
			current.lastAccountComplete();
		}
		return null;
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		closeLeftovers();
	}

	/**
	 * The workers of the audit's collect step, with the accounts they were handed; the
	 * caller waits for them and closes them. {@code null} if the collect step ran in an
	 * earlier process (or did not enrich while reading).
	 */
	EnrichmentWorkers takeOver() {
		Collecting current = this.collecting;
		this.collecting = null;
		return (current != null) ? current.workers() : null;
	}

	private void closeLeftovers() {
		Collecting current = this.collecting;
		this.collecting = null;
		if (current != null) {
			current.workers().close();
		}
	}

	/** One collect step: the account read last, not known to be complete yet. */
	private static final class Collecting {

		private final LocalDate reportDate;

		private final EnrichmentWorkers workers;

		private String lastAccount;

		private boolean outOfOrder;

		Collecting(LocalDate reportDate, EnrichmentWorkers workers) {
			this.reportDate = reportDate;
			this.workers = workers;
		}

		LocalDate reportDate() {
			return this.reportDate;
		}

		EnrichmentWorkers workers() {
			return this.workers;
		}

		/** Whether rows of these accounts can follow those committed so far. */
		boolean inOrder(List<String> accountIds) {
			String previous = this.lastAccount;
			for (String accountId : accountIds) {
				if (previous != null && accountId.compareTo(previous) < 0) {
					return false;
				}
				previous = accountId;
			}
			return true;
		}

		void committed(List<String> accountIds) {
			for (String accountId : accountIds) {
				if (accountId.equals(this.lastAccount)) {
					continue;
				}
				if (this.lastAccount != null) {
					this.workers.enrich(account(this.lastAccount));
				}
				this.lastAccount = accountId;
				this.workers.prepare(account(accountId));
			}
		}

		/** Every row is read: the account read last is complete too. */
		void lastAccountComplete() {
			if (this.lastAccount != null) {
				this.workers.enrich(account(this.lastAccount));
				this.lastAccount = null;
			}
		}

		/** Named by its id until the directory names it, in the enrichUsers step. */
		private static MemberAccount account(String accountId) {
			return new MemberAccount(accountId, accountId);
		}

	}

}
