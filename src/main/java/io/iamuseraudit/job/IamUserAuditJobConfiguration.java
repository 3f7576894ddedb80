package io.iamuseraudit.job;

import java.time.LocalDate;
import java.util.Objects;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.account.AccountDirectory;
import io.iamuseraudit.account.AccountNamesAhead;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.delivery.ArchiveReportsTasklet;
import io.iamuseraudit.delivery.EmailReportTasklet;
import io.iamuseraudit.enrichment.AccountEnricher;
import io.iamuseraudit.enrichment.AccountEnrichment;
import io.iamuseraudit.enrichment.EnrichWhileCollecting;
import io.iamuseraudit.enrichment.EnrichUsersTasklet;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.ChangeDetector;
import io.iamuseraudit.history.CollectedRowsWriter;
import io.iamuseraudit.history.CompareWithPreviousTasklet;
import io.iamuseraudit.history.PurgeHistoryTasklet;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.inventory.InventoryItemReader;
import io.iamuseraudit.inventory.InventoryRow;
import io.iamuseraudit.inventory.InventoryRow.DeletedUser;
import io.iamuseraudit.inventory.InventoryRowParser;
import io.iamuseraudit.inventory.InventorySource;
import io.iamuseraudit.inventory.RawRow;
import io.iamuseraudit.report.RenderReportsTasklet;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit job, {@code iamUserAuditJob}: collect the users, enrich them, compare with
 * the previous audit, render the reports, archive and email them, purge old history. One
 * job instance per report date; a failed run restarts at the step that failed.
 */
@Configuration(proxyBeanMethods = false)
class IamUserAuditJobConfiguration {

	static final String JOB_NAME = "iamUserAuditJob";

	private static final int CHUNK_SIZE = 100;

	@Bean
	@StepScope
	InventoryItemReader inventoryItemReader(InventorySource source, AuditRuns runs,
			@Value("#{jobParameters['reportDate']}") LocalDate reportDate) {
		long lastAuditUsers = runs.completedBefore(reportDate, 1)
			.stream()
			.map(AuditRun::users)
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(0);
		return new InventoryItemReader(source, lastAuditUsers);
	}

	@Bean
	@StepScope
	CollectedRowsWriter collectedRowsWriter(@Value("#{jobParameters['reportDate']}") LocalDate reportDate,
			AuditedUsers users, RejectedRows rejectedRows) {
		return new CollectedRowsWriter(reportDate, users, rejectedRows);
	}

	@Bean
	AccountEnrichment accountEnrichment(AuditedUsers users, AccountStatuses accounts, AccountEnricher enricher,
			ApiCalls apiCalls, ApiCallCounter apiCallCounter, PlatformTransactionManager transactionManager) {
		return new AccountEnrichment(users, accounts, enricher, apiCalls, apiCallCounter,
				new TransactionTemplate(transactionManager));
	}

	@Bean
	EnrichWhileCollecting enrichWhileCollecting(AccountEnrichment enrichment, AccountStatuses accounts,
			AuditProperties properties) {
		return new EnrichWhileCollecting(enrichment, accounts, properties.enrichment().concurrency());
	}

	@Bean
	AccountNamesAhead accountNamesAhead(AccountDirectory directory) {
		return new AccountNamesAhead(directory);
	}

	@Bean
	Step collectUsers(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			InventoryItemReader reader, InventoryRowParser parser, CollectedRowsWriter writer, AuditedUsers users,
			RejectedRows rejectedRows, AccountStatuses accounts, ApiCalls apiCalls, ApiCallCounter apiCallCounter,
			InventorySource inventory, AggregatorSources aggregatorSources, EnrichWhileCollecting enrichWhileCollecting,
			AccountNamesAhead accountNamesAhead) {
		ItemProcessor<RawRow, InventoryRow> parse = (raw) -> {
			InventoryRow row = parser.parse(raw);
			return (row instanceof DeletedUser) ? null : row;
		};
		return new StepBuilder("collectUsers", jobRepository).<RawRow, InventoryRow>chunk(CHUNK_SIZE)
			.transactionManager(transactionManager)
			.reader(reader)
			.processor(parse)
			.writer(writer)
			.listener(new CollectUsersListener(users, rejectedRows, accounts, apiCalls, apiCallCounter, inventory,
					aggregatorSources))
			.listener(enrichWhileCollecting)
			.listener(accountNamesAhead)
			.build();
	}

	@Bean
	Step enrichUsers(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			AccountEnrichment enrichment, EnrichWhileCollecting enrichWhileCollecting, AccountStatuses accounts,
			AccountNamesAhead accountNames, ApiCalls apiCalls, ApiCallCounter apiCallCounter,
			AuditProperties properties) {
		EnrichUsersTasklet tasklet = new EnrichUsersTasklet(enrichment, enrichWhileCollecting, accounts,
				accountNames::accountNames, apiCalls, apiCallCounter, properties.enrichment().concurrency());
		// Each account commits on its own (on the worker threads); the step holds no
		// transaction open.
		return new StepBuilder("enrichUsers", jobRepository).tasklet(tasklet, transactionManager)
			.transactionAttribute(new DefaultTransactionAttribute(TransactionDefinition.PROPAGATION_NOT_SUPPORTED))
			.build();
	}

	@Bean
	Step compareWithPrevious(JobRepository jobRepository, PlatformTransactionManager transactionManager, AuditRuns runs,
			ChangeDetector changes) {
		return new StepBuilder("compareWithPrevious", jobRepository)
			.tasklet(new CompareWithPreviousTasklet(runs, changes), transactionManager)
			.build();
	}

	@Bean
	Step renderReports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RenderReportsTasklet tasklet) {
		return new StepBuilder("renderReports", jobRepository).tasklet(tasklet, transactionManager).build();
	}

	@Bean
	Step archiveReports(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ArchiveReportsTasklet tasklet) {
		return new StepBuilder("archiveReports", jobRepository).tasklet(new UnlessDryRun(tasklet), transactionManager)
			.build();
	}

	@Bean
	Step emailReport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			EmailReportTasklet tasklet) {
		return new StepBuilder("emailReport", jobRepository).tasklet(new UnlessDryRun(tasklet), transactionManager)
			.build();
	}

	@Bean
	Step purgeHistory(JobRepository jobRepository, PlatformTransactionManager transactionManager, AuditRuns runs,
			AuditProperties properties) {
		return new StepBuilder("purgeHistory", jobRepository)
			.tasklet(new PurgeHistoryTasklet(runs, properties.history().retention()), transactionManager)
			.build();
	}

	@Bean
	Job iamUserAuditJob(JobRepository jobRepository, Step collectUsers, Step enrichUsers, Step compareWithPrevious,
			Step renderReports, Step archiveReports, Step emailReport, Step purgeHistory, AuditRuns runs,
			AuditWarnings warnings, InventorySource inventory, AuditProperties properties,
			EnrichWhileCollecting enrichWhileCollecting) {
		return new JobBuilder(JOB_NAME, jobRepository)
			.listener(new AuditRunListener(runs, warnings, inventory, properties.source().name()))
			.listener(enrichWhileCollecting)
			.start(collectUsers)
			.next(enrichUsers)
			.next(compareWithPrevious)
			.next(renderReports)
			.next(archiveReports)
			.next(emailReport)
			.next(purgeHistory)
			.build();
	}

}
