package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.ApiCalls;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code enrichUsers} step: waits for the accounts enriched while the inventory was
 * read ({@link EnrichWhileCollecting}), then enriches the others, several at a time.
 * <p>
 * Restart: an account's users are committed together with its "enriched" mark, so a run
 * stopped or killed half-way resumes with the accounts not enriched yet.
 */
public final class EnrichUsersTasklet implements Tasklet {

	private static final Log logger = LogFactory.getLog(EnrichUsersTasklet.class);

	private final AccountEnrichment enrichment;

	private final EnrichWhileCollecting whileCollecting;

	private final AccountStatuses accounts;

	private final AccountDirectory directory;

	private final ApiCalls apiCalls;

	private final ApiCallCounter apiCallCounter;

	private final int concurrency;

	public EnrichUsersTasklet(AccountEnrichment enrichment, EnrichWhileCollecting whileCollecting,
			AccountStatuses accounts, AccountDirectory directory, ApiCalls apiCalls, ApiCallCounter apiCallCounter,
			int concurrency) {
		this.enrichment = enrichment;
		this.whileCollecting = whileCollecting;
		this.accounts = accounts;
		this.directory = directory;
		this.apiCalls = apiCalls;
		this.apiCallCounter = apiCallCounter;
		this.concurrency = concurrency;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		LocalDate reportDate = ReportDate.of(chunkContext);
		long usersDone = awaitEnrichedWhileCollecting();
		List<MemberAccount> pending = this.accounts.registerAndListPending(reportDate, this.directory.accountNames());
		this.apiCalls.add(reportDate, "", this.apiCallCounter.drain(""));
		Progress progress = new Progress(pending.size());
		EnrichmentWorkers workers = new EnrichmentWorkers(this.enrichment, reportDate,
				Math.max(1, Math.min(this.concurrency, pending.size())));
		try {
			// Credential reports are asked for ahead, on threads of their own (unless an
			// account's enrichment starts first): IAM generates them meanwhile.
			pending.forEach(workers::prepare);
			pending.forEach(workers::enrich);
			workers.awaitAll(progress);
		}
		finally {
			workers.close();
		}
		contribution.incrementWriteCount(usersDone + progress.usersDone());
		return RepeatStatus.FINISHED;
	}

	private long awaitEnrichedWhileCollecting() throws Exception {
		EnrichmentWorkers early = this.whileCollecting.takeOver();
		if (early == null) {
			return 0;
		}
		Progress progress = new Progress(early.handed());
		try {
			early.awaitAll(progress);
		}
		finally {
			early.close();
		}
		logger.info("%,d accounts (%,d users) enriched as the inventory was read".formatted(progress.accountsDone(),
				progress.usersDone()));
		return progress.usersDone();
	}

}
