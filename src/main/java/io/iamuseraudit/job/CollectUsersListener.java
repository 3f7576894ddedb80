package io.iamuseraudit.job;

import java.time.LocalDate;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.inventory.InventorySource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Starts the collect step from a clean slate (next tokens expire, so a restarted
 * collection reads everything again) and reports what it read, and how fresh the
 * aggregator's data was.
 */
final class CollectUsersListener implements StepExecutionListener {

	private static final Log logger = LogFactory.getLog(CollectUsersListener.class);

	private final AuditedUsers users;

	private final RejectedRows rejectedRows;

	private final AccountStatuses accounts;

	private final ApiCalls apiCalls;

	private final ApiCallCounter apiCallCounter;

	private final InventorySource inventory;

	private final AggregatorSources aggregatorSources;

	CollectUsersListener(AuditedUsers users, RejectedRows rejectedRows, AccountStatuses accounts, ApiCalls apiCalls,
			ApiCallCounter apiCallCounter, InventorySource inventory, AggregatorSources aggregatorSources) {
		this.users = users;
		this.rejectedRows = rejectedRows;
		this.accounts = accounts;
		this.apiCalls = apiCalls;
		this.apiCallCounter = apiCallCounter;
		this.inventory = inventory;
		this.aggregatorSources = aggregatorSources;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		LocalDate reportDate = ReportDate.of(stepExecution);
		this.users.deleteAudit(reportDate);
		this.rejectedRows.deleteAudit(reportDate);
		this.accounts.deleteAudit(reportDate);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		LocalDate reportDate = ReportDate.of(stepExecution);
		if (stepExecution.getStatus() == BatchStatus.COMPLETED) {
			this.aggregatorSources.replace(reportDate, this.inventory.aggregatorSources());
		}
		this.apiCalls.add(reportDate, "", this.apiCallCounter.drain(""));
		int users = this.users.count(reportDate);
		int rejected = this.rejectedRows.all(reportDate).size();
		logger.info("Collected %,d users from %,d inventory rows (%,d deleted users skipped, %,d rows unreadable)"
			.formatted(users, stepExecution.getReadCount(), stepExecution.getFilterCount(), rejected));
		return stepExecution.getExitStatus();
	}

}
