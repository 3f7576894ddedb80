package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.TestDatabases;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.CredentialReport;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.FindingsEvaluator;
import io.iamuseraudit.activity.FindingsProperties;
import io.iamuseraudit.attribution.CreatorAttribution;
import io.iamuseraudit.attribution.KnownCreators;
import io.iamuseraudit.attribution.OwnerResolver;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.inventory.InventoryRow;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Accounts enriched while the collect step reads the inventory: each once a later account
 * is committed, the last one by the enrichUsers step, all of them again when the rows
 * come out of account order.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnrichWhileCollectingTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String FIRST = "111111111111";

	private static final String SECOND = "222222222222";

	private static final String THIRD = "333333333333";

	private final Queue<String> creatorsLookedUp = new ConcurrentLinkedQueue<>();

	private final Map<String, Integer> usersLookedUp = new ConcurrentHashMap<>();

	/** What a test does while an account's creators are looked up (by its id). */
	private volatile Consumer<String> whileLookingUp = (accountId) -> {
	};

	private DataSource dataSource;

	private DataSourceTransactionManager transactionManager;

	private AuditedUsers users;

	private AccountStatuses accounts;

	private AccountEnrichment enrichment;

	private EnrichWhileCollecting whileCollecting;

	private final StepExecution collectStep = MetaDataInstanceFactory.createStepExecution(
			new JobParametersBuilder().addLocalDate(ReportDate.PARAMETER, REPORT_DATE).toJobParameters());

	@BeforeEach
	void emptyHistory() {
		this.dataSource = TestDatabases.migratedHistory();
		this.transactionManager = new DataSourceTransactionManager(this.dataSource);
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		this.users = new AuditedUsers(this.dataSource, JsonMapper.builder().build());
		this.accounts = new AccountStatuses(jdbc);
		AccountEnricher enricher = new AccountEnricher(new OwnerResolver(List.of("owner")), new CreatorAttribution(
				new KnownCreators(jdbc, this.transactionManager), (account, accountUsers, reportDate) -> {
					this.creatorsLookedUp.add(account.id());
					this.usersLookedUp.put(account.id(), accountUsers.size());
					this.whileLookingUp.accept(account.id());
					return EnrichUsersTaskletTests.unknownCreators(accountUsers);
				}), EnrichUsersTaskletTests.emptyReports(),
				new FindingsEvaluator(new FindingsProperties(90, 90, List.of("AdministratorAccess"))));
		ApiCallCounter apiCallCounter = new ApiCallCounter();
		this.enrichment = new AccountEnrichment(this.users, this.accounts, enricher, new ApiCalls(jdbc), apiCallCounter,
				new TransactionTemplate(this.transactionManager));
		this.whileCollecting = new EnrichWhileCollecting(this.enrichment, this.accounts, 2);
	}

	@Test
	void enrichesEachAccountOnceALaterOneIsCommittedAndTheLastWhenReadingEnds(CapturedOutput output) throws Exception {
		List<LiveUser> second = EnrichUsersTaskletTests.users(SECOND, 2);
		this.whileCollecting.beforeStep(this.collectStep);
		commitChunk(concat(EnrichUsersTaskletTests.users(FIRST, 3), second.subList(0, 1)));
		awaitEnriched(FIRST);
		commitChunk(concat(second.subList(1, 2), EnrichUsersTaskletTests.users(THIRD, 1)));
		endCollect(BatchStatus.COMPLETED);

		enrichStep();

		assertThat(this.creatorsLookedUp).containsExactlyInAnyOrder(FIRST, SECOND, THIRD);
		assertThat(this.usersLookedUp).as("each account with all its users")
			.isEqualTo(Map.of(FIRST, 3, SECOND, 2, THIRD, 1));
		assertThat(output).contains("3 accounts (6 users) enriched as the inventory was read");
		assertThat(this.accounts.all(REPORT_DATE)).extracting(AccountStatus::accountId, AccountStatus::users)
			.containsExactly(tuple(FIRST, 3), tuple(SECOND, 2), tuple(THIRD, 1));
		assertThat(this.accounts.all(REPORT_DATE)).allMatch(AccountStatus::fullyAudited);
		assertThat(this.users.all(REPORT_DATE)).hasSize(6)
			.allSatisfy(
					user -> assertThat(user.activity().status()).isEqualTo(ActivityStatus.NOT_IN_CREDENTIAL_REPORT));
	}

	@Test
	void handsNoAccountFromAChunkThatRolledBack() {
		this.whileCollecting.beforeStep(this.collectStep);
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			write(concat(EnrichUsersTaskletTests.users(FIRST, 1), EnrichUsersTaskletTests.users(SECOND, 1)));
			status.setRollbackOnly();
		});
		endCollect(BatchStatus.COMPLETED);

		EnrichmentWorkers workers = this.whileCollecting.takeOver();
		assertThat(workers.handed()).isZero();
		workers.close();
		assertThat(this.creatorsLookedUp).isEmpty();
	}

	@Test
	void rowsOutOfAccountOrderGetEveryAccountEnrichedAgainAfterReading(CapturedOutput output) throws Exception {
		List<LiveUser> first = EnrichUsersTaskletTests.users(FIRST, 3);
		this.whileCollecting.beforeStep(this.collectStep);
		commitChunk(concat(first.subList(0, 2), EnrichUsersTaskletTests.users(SECOND, 1)));
		commitChunk(concat(EnrichUsersTaskletTests.users(THIRD, 1), first.subList(2, 3)));
		endCollect(BatchStatus.COMPLETED);

		enrichStep(this.whileCollecting);

		assertThat(output).contains("The inventory's rows are not ordered by account");
		assertEveryUserEnriched();
	}

	@Test
	void rowsOutOfAccountOrderForgetWhatWasEnrichedWithThemSoThatARestartEnrichesEveryAccount() throws Exception {
		List<LiveUser> first = EnrichUsersTaskletTests.users(FIRST, 3);
		this.whileCollecting.beforeStep(this.collectStep);
		commitChunk(concat(first.subList(0, 2), EnrichUsersTaskletTests.users(SECOND, 1)));
		awaitEnriched(FIRST);

		commitChunk(concat(EnrichUsersTaskletTests.users(THIRD, 1), first.subList(2, 3)));

		assertThat(this.accounts.all(REPORT_DATE)).as("forgotten with the late rows").isEmpty();
		// Killed here: the restarted enrichUsers step runs in a new process.
		enrichStep(new EnrichWhileCollecting(this.enrichment, this.accounts, 2));
		assertEveryUserEnriched();
	}

	@Test
	void failedCollectStepWaitsForTheAccountBeingEnrichedAndHandsNothingOver() throws Exception {
		CountDownLatch firstStarted = new CountDownLatch(1);
		AtomicBoolean firstDone = new AtomicBoolean();
		this.whileLookingUp = (accountId) -> {
			firstStarted.countDown();
			sleep(300);
			firstDone.set(true);
		};
		this.whileCollecting.beforeStep(this.collectStep);
		commitChunk(concat(EnrichUsersTaskletTests.users(FIRST, 1), EnrichUsersTaskletTests.users(SECOND, 1)));
		assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();

		endCollect(BatchStatus.FAILED);

		assertThat(firstDone).as("the step ended after the running account").isTrue();
		assertThat(this.whileCollecting.takeOver()).isNull();
	}

	@Test
	void requestAheadUnderWayEndsBeforeItsAccountIsEnriched() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		CountDownLatch askingAhead = new CountDownLatch(1);
		CredentialReportSource slowToAsk = new CredentialReportSource() {

			@Override
			public void prepare(MemberAccount account, LocalDate reportDate) {
				events.add("asking ahead");
				askingAhead.countDown();
				sleep(300);
				events.add("asked ahead");
			}

			@Override
			public CredentialReport fetch(MemberAccount account, LocalDate reportDate) {
				events.add("enriching");
				return EnrichUsersTaskletTests.emptyReports().fetch(account, reportDate);
			}

		};
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		AccountEnrichment enrichment = new AccountEnrichment(this.users, this.accounts, new AccountEnricher(
				new OwnerResolver(List.of("owner")),
				new CreatorAttribution(new KnownCreators(jdbc, this.transactionManager),
						(account, accountUsers, reportDate) -> EnrichUsersTaskletTests.unknownCreators(accountUsers)),
				slowToAsk, new FindingsEvaluator(new FindingsProperties(90, 90, List.of()))), new ApiCalls(jdbc),
				new ApiCallCounter(), new TransactionTemplate(this.transactionManager));
		this.users.upsert(REPORT_DATE, EnrichUsersTaskletTests.users(FIRST, 1));
		EnrichmentWorkers workers = new EnrichmentWorkers(enrichment, REPORT_DATE, 2);
		MemberAccount account = new MemberAccount(FIRST, FIRST);
		workers.prepare(account);
		assertThat(askingAhead.await(10, TimeUnit.SECONDS)).isTrue();
		workers.enrich(account);
		workers.awaitAll(new Progress(1));
		workers.close();

		assertThat(events).containsExactly("asking ahead", "asked ahead", "enriching");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** What the collect step does with a chunk: write it, then commit. */
	private void commitChunk(List<LiveUser> rows) {
		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> write(rows));
	}

	private void write(List<LiveUser> rows) {
		Chunk<InventoryRow> chunk = new Chunk<>(new ArrayList<>(rows));
		this.whileCollecting.beforeWrite(chunk);
		this.users.upsert(REPORT_DATE, rows);
		this.whileCollecting.afterWrite(chunk);
	}

	private void awaitEnriched(String accountId) throws InterruptedException {
		for (int i = 0; i < 100 && this.accounts.all(REPORT_DATE).isEmpty(); i++) {
			Thread.sleep(100);
		}
		assertThat(this.accounts.all(REPORT_DATE)).extracting(AccountStatus::accountId).containsExactly(accountId);
	}

	private void assertEveryUserEnriched() {
		assertThat(this.users.all(REPORT_DATE)).hasSize(5)
			.allSatisfy(
					user -> assertThat(user.activity().status()).isEqualTo(ActivityStatus.NOT_IN_CREDENTIAL_REPORT));
		assertThat(this.accounts.all(REPORT_DATE)).extracting(AccountStatus::users).containsExactly(3, 1, 1);
	}

	private void endCollect(BatchStatus status) {
		this.collectStep.setStatus(status);
		this.whileCollecting.afterStep(this.collectStep);
	}

	private void enrichStep() throws Exception {
		enrichStep(this.whileCollecting);
	}

	private void enrichStep(EnrichWhileCollecting whileCollecting) throws Exception {
		EnrichUsersTasklet tasklet = new EnrichUsersTasklet(this.enrichment, whileCollecting, this.accounts, Map::of,
				new ApiCalls(new JdbcTemplate(this.dataSource)), new ApiCallCounter(), 2);
		StepExecution step = MetaDataInstanceFactory.createStepExecution(this.collectStep.getJobParameters());
		tasklet.execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
	}

	private static List<LiveUser> concat(List<LiveUser> first, List<LiveUser> second) {
		List<LiveUser> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
