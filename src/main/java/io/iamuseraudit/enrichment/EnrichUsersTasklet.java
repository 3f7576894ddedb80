package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.enrichment.AccountEnricher.EnrichedAccount;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.inventory.IamUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code enrichUsers} step: enriches the users of every account, several accounts at
 * a time (each account's own API quotas are respected by the sources, so a large
 * organization takes about as long as its slowest account).
 * <p>
 * Restart: an account's users are committed together with its "enriched" mark, so a run
 * stopped or killed half-way resumes with the accounts not enriched yet.
 */
public final class EnrichUsersTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(EnrichUsersTasklet.class);

	private final AuditedUsers users;

	private final AccountStatuses accounts;

	private final AccountDirectory directory;

	private final AccountEnricher enricher;

	private final ApiCalls apiCalls;

	private final ApiCallCounter apiCallCounter;

	private final TransactionTemplate transaction;

	private final int concurrency;

	public EnrichUsersTasklet(AuditedUsers users, AccountStatuses accounts, AccountDirectory directory,
			AccountEnricher enricher, ApiCalls apiCalls, ApiCallCounter apiCallCounter, TransactionTemplate transaction,
			int concurrency) {
		this.users = users;
		this.accounts = accounts;
		this.directory = directory;
		this.enricher = enricher;
		this.apiCalls = apiCalls;
		this.apiCallCounter = apiCallCounter;
		this.transaction = transaction;
		this.concurrency = concurrency;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		LocalDate reportDate = ReportDate.of(chunkContext);
		List<MemberAccount> pending = this.accounts.registerAndListPending(reportDate, this.directory.accountNames());
		this.apiCalls.add(reportDate, "", this.apiCallCounter.drain(""));
		Progress progress = new Progress(pending.size());
		// Workers are never interrupted: H2 closes its file when a thread inside it is
		// interrupted, and with it the history database for the rest of the run. They
		// check this flag between accounts instead.
		AtomicBoolean cancelled = new AtomicBoolean();
		ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, Math.min(this.concurrency, pending.size())),
				new CustomizableThreadFactory("enrich-"));
		try {
			// Credential reports are asked for first, all of them: IAM generates them
			// while accounts are enriched.
			pending.forEach(account -> executor.execute(() -> prepare(account, reportDate, cancelled)));
			CompletionService<Integer> completed = new ExecutorCompletionService<>(executor);
			pending.forEach(account -> completed.submit(() -> enrich(account, reportDate, cancelled)));
			for (int i = 0; i < pending.size(); i++) {
				Integer users = completed.take().get();
				if (users != null) {
					progress.accountDone(users);
				}
			}
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof Exception cause) ? cause : ex;
		}
		finally {
			cancelled.set(true);
			executor.shutdown();
			awaitTermination(executor);
		}
		contribution.incrementWriteCount(progress.usersDone());
		return RepeatStatus.FINISHED;
	}

	private void prepare(MemberAccount account, LocalDate reportDate, AtomicBoolean cancelled) {
		if (cancelled.get()) {
			return;
		}
		try {
			this.enricher.prepare(account, reportDate);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot ask ahead for the credential report of account %s (enriching it will ask again)"
				.formatted(account.id()), ex);
		}
	}

	/** The account's users, {@code null} if it was not started because the step fails. */
	private Integer enrich(MemberAccount account, LocalDate reportDate, AtomicBoolean cancelled) {
		if (cancelled.get()) {
			return null;
		}
		try {
			List<IamUser> accountUsers = this.users.ofAccount(reportDate, account.id());
			EnrichedAccount enriched = this.enricher.enrich(account, accountUsers, reportDate);
			this.transaction.executeWithoutResult((status) -> {
				this.users.enrich(reportDate, enriched.users());
				this.accounts.complete(reportDate, enriched.status());
				this.apiCalls.add(reportDate, account.id(), this.apiCallCounter.drain(account.id()));
			});
			return accountUsers.size();
		}
		catch (RuntimeException | Error ex) {
			// Set here, not when the step thread sees the failure: this thread's next
			// account must not start either.
			cancelled.set(true);
			logger.error("Enrichment of account %s failed; no further account is started".formatted(account.id()), ex);
			throw ex;
		}
	}

	private static void awaitTermination(ExecutorService executor) {
		try {
			while (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
				logger.info("Waiting for the accounts being enriched to finish");
			}
		}
		catch (InterruptedException ex) {
			// The workers are left to finish their account: they start no other.
			Thread.currentThread().interrupt();
		}
	}

}
