package io.iamuseraudit.enrichment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.TestDatabases;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.CredentialReport;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.FindingsEvaluator;
import io.iamuseraudit.activity.FindingsProperties;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.CreatorAttribution;
import io.iamuseraudit.attribution.CreatorSource;
import io.iamuseraudit.attribution.KnownCreators;
import io.iamuseraudit.attribution.OwnerResolver;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What one account's failure does to the others: an unexpected error costs only that
 * account's enrichment; a failure that fails the step lets the accounts being enriched
 * finish, uninterrupted, and starts no other.
 */
@ExtendWith(OutputCaptureExtension.class)
class EnrichUsersTaskletTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String LARGE = "111111111111";

	private static final String MEDIUM = "222222222222";

	private static final String SMALL = "333333333333";

	private final JsonMapper json = JsonMapper.builder().build();

	private final Set<String> creatorsLookedUp = ConcurrentHashMap.newKeySet();

	private DataSource dataSource;

	private DataSourceTransactionManager transactionManager;

	private AuditedUsers users;

	@BeforeEach
	void historyWithThreeAccounts() {
		this.dataSource = TestDatabases.migratedHistory();
		this.transactionManager = new DataSourceTransactionManager(this.dataSource);
		this.users = new AuditedUsers(this.dataSource, this.json);
		List<LiveUser> live = new ArrayList<>();
		live.addAll(users(LARGE, 3));
		live.addAll(users(MEDIUM, 2));
		live.addAll(users(SMALL, 1));
		this.users.upsert(REPORT_DATE, live);
	}

	@Test
	void unexpectedErrorInOneAccountKeepsItsUsersAndMarksItNotFullyAudited() throws Exception {
		CreatorSource creators = (account, accountUsers, reportDate) -> {
			if (account.id().equals(LARGE)) {
				throw new IllegalStateException("unexpected answer\nfrom CloudTrail");
			}
			return unknownCreators(accountUsers);
		};
		EnrichUsersTasklet tasklet = tasklet(new AccountStatuses(new JdbcTemplate(this.dataSource)), creators,
				emptyReports(), 4);

		assertThat(execute(tasklet)).isEqualTo(RepeatStatus.FINISHED);

		Map<String, AccountStatus> statuses = statuses();
		assertThat(statuses.get(LARGE).fullyAudited()).isFalse();
		assertThat(statuses.get(LARGE).problems()).containsExactly(
				"not enriched: unexpected error: IllegalStateException: unexpected answer from CloudTrail");
		assertThat(statuses.get(MEDIUM).fullyAudited()).isTrue();
		assertThat(statuses.get(SMALL).fullyAudited()).isTrue();
		List<AuditedUser> large = this.users.all(REPORT_DATE)
			.stream()
			.filter(user -> user.user().accountId().equals(LARGE))
			.toList();
		assertThat(large).hasSize(3).allSatisfy(user -> {
			assertThat(user.activity().status()).isEqualTo(ActivityStatus.UNAVAILABLE);
			assertThat(user.notes()).contains("not enriched: unexpected error, see the account's problems");
		});
		assertThat(pending()).isEmpty();
	}

	@Test
	void historyDatabaseErrorFailsTheStepSoThatTheRestartEnrichesTheAccountAgain() {
		CreatorSource creators = (account, accountUsers, reportDate) -> {
			if (account.id().equals(LARGE)) {
				throw new TransientDataAccessResourceException("connection reset");
			}
			return unknownCreators(accountUsers);
		};
		EnrichUsersTasklet tasklet = tasklet(new AccountStatuses(new JdbcTemplate(this.dataSource)), creators,
				emptyReports(), 1);

		assertThatExceptionOfType(TransientDataAccessResourceException.class).isThrownBy(() -> execute(tasklet));

		assertThat(pending()).contains(LARGE);
	}

	@Test
	void failingAccountLetsRunningAccountsFinishUninterruptedAndStartsNoOther() throws Exception {
		CountDownLatch largeFailed = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AccountStatuses failingOnLarge = new AccountStatuses(new JdbcTemplate(this.dataSource)) {

			@Override
			public void complete(LocalDate reportDate, AccountStatus status) {
				if (status.accountId().equals(LARGE)) {
					largeFailed.countDown();
					throw new DataAccessResourceFailureException("disk full");
				}
				super.complete(reportDate, status);
			}

		};
		CreatorSource creators = (account, accountUsers, reportDate) -> {
			if (account.id().equals(MEDIUM)) {
				try {
					// Still at work when the step thread sees the failure.
					assertThat(largeFailed.await(10, TimeUnit.SECONDS)).isTrue();
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					interrupted.set(true);
				}
			}
			return unknownCreators(accountUsers);
		};
		EnrichUsersTasklet tasklet = tasklet(failingOnLarge, creators, emptyReports(), 2);

		assertThatExceptionOfType(DataAccessResourceFailureException.class).isThrownBy(() -> execute(tasklet))
			.withMessage("disk full");

		assertThat(interrupted).isFalse();
		assertThat(this.creatorsLookedUp).containsExactlyInAnyOrder(LARGE, MEDIUM);
		assertThat(statuses().get(MEDIUM).fullyAudited()).isTrue();
		assertThat(pending()).containsExactlyInAnyOrder(LARGE, SMALL);
	}

	@Test
	void failureToAskAheadForCredentialReportIsLogged(CapturedOutput output) throws Exception {
		CredentialReportSource reports = new CredentialReportSource() {

			@Override
			public CredentialReport fetch(MemberAccount account, LocalDate reportDate) {
				return emptyReport();
			}

			@Override
			public void prepare(MemberAccount account, LocalDate reportDate) {
				throw new IllegalStateException("throttled");
			}

		};
		EnrichUsersTasklet tasklet = tasklet(new AccountStatuses(new JdbcTemplate(this.dataSource)),
				(account, accountUsers, reportDate) -> unknownCreators(accountUsers), reports, 2);

		assertThat(execute(tasklet)).isEqualTo(RepeatStatus.FINISHED);

		assertThat(output)
			.contains(
					"Cannot ask ahead for the credential report of account " + LARGE + " (enriching it will ask again)")
			.contains("java.lang.IllegalStateException: throttled")
			.doesNotContain("Exception in thread");
		Map<String, AccountStatus> statuses = statuses();
		assertThat(statuses).containsOnlyKeys(LARGE, MEDIUM, SMALL);
		assertThat(statuses.values()).allMatch(AccountStatus::fullyAudited);
	}

	private EnrichUsersTasklet tasklet(AccountStatuses accounts, CreatorSource creators, CredentialReportSource reports,
			int concurrency) {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		CreatorSource recording = (account, accountUsers, reportDate) -> {
			this.creatorsLookedUp.add(account.id());
			return creators.findCreators(account, accountUsers, reportDate);
		};
		AccountEnricher enricher = new AccountEnricher(new OwnerResolver(List.of("owner")),
				new CreatorAttribution(new KnownCreators(jdbc, this.transactionManager), recording), reports,
				new FindingsEvaluator(new FindingsProperties(90, 90, List.of("AdministratorAccess"))));
		ApiCalls apiCalls = new ApiCalls(jdbc);
		ApiCallCounter apiCallCounter = new ApiCallCounter();
		AccountEnrichment enrichment = new AccountEnrichment(this.users, accounts, enricher, apiCalls, apiCallCounter,
				new TransactionTemplate(this.transactionManager));
		return new EnrichUsersTasklet(enrichment, new EnrichWhileCollecting(enrichment, accounts, concurrency),
				accounts, Map::of, apiCalls, apiCallCounter, concurrency);
	}

	private RepeatStatus execute(EnrichUsersTasklet tasklet) throws Exception {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(
				new JobParametersBuilder().addLocalDate(ReportDate.PARAMETER, REPORT_DATE).toJobParameters());
		return tasklet.execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
	}

	private Map<String, AccountStatus> statuses() {
		return new AccountStatuses(new JdbcTemplate(this.dataSource)).all(REPORT_DATE)
			.stream()
			.collect(Collectors.toMap(AccountStatus::accountId, Function.identity()));
	}

	private List<String> pending() {
		return new JdbcTemplate(this.dataSource).queryForList(
				"select account_id from account_status where report_date = ? and not enriched", String.class,
				REPORT_DATE);
	}

	static List<LiveUser> users(String accountId, int count) {
		List<LiveUser> users = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = "user-" + accountId + "-" + i;
			users.add(new LiveUser(new IamUser(accountId, "AIDA" + accountId + i, name,
					"arn:aws:iam::" + accountId + ":user/" + name, "/", Instant.parse("2026-01-05T10:00:00Z"),
					List.of(), List.of("developers"), List.of(), List.of(), List.of("eu-west-1")), null, List.of()));
		}
		return users;
	}

	static Map<String, Creator> unknownCreators(List<IamUser> users) {
		return users.stream().collect(Collectors.toMap(IamUser::userId, user -> Creator.unknown("not in tests")));
	}

	static CredentialReportSource emptyReports() {
		return (account, reportDate) -> emptyReport();
	}

	private static CredentialReport emptyReport() {
		return new CredentialReport(Instant.parse("2026-11-24T06:00:00Z"), List.of(), null, List.of());
	}

}
