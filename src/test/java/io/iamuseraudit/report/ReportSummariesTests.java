package io.iamuseraudit.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.iamuseraudit.TestDatabases;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

class ReportSummariesTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private final DriverManagerDataSource dataSource = TestDatabases.migratedHistory();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final AuditedUsers users = new AuditedUsers(this.dataSource, JsonMapper.builder().build());

	private final AuditRuns runs = new AuditRuns(this.jdbc);

	private final ReportSummaries summaries = new ReportSummaries(this.users, this.runs, new AccountStatuses(this.jdbc),
			new RejectedRows(this.jdbc), new AuditWarnings(this.jdbc), new AggregatorSources(this.jdbc),
			new DataSourceTransactionManager(this.dataSource));

	@Test
	void streamsTheUsersInAReadOnlyTransaction() {
		this.runs.start(REPORT_DATE, "SAMPLE", "the sample organization", 1);
		this.users.upsert(REPORT_DATE, List.of(user("AIDAALICE", "alice"), user("AIDABOB", "bob")));
		List<String> seen = new ArrayList<>();

		ReportSummary summary = this.summaries.of(REPORT_DATE, (audited) -> {
			assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
			assertThat(TransactionSynchronizationManager.isCurrentTransactionReadOnly()).isTrue();
			assertThat(autoCommit()).as("PostgreSQL streams only without auto-commit").isFalse();
			seen.add(audited.user().userName());
		});

		assertThat(seen).containsExactly("alice", "bob");
		assertThat(summary.users()).isEqualTo(2);
		assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isFalse();
	}

	@Test
	void reusesTheSummaryScannedByTheSameJobExecution() {
		this.runs.start(REPORT_DATE, "SAMPLE", "the sample organization", 1);
		this.users.upsert(REPORT_DATE, List.of(user("AIDAALICE", "alice")));
		assertThat(this.summaries.of(REPORT_DATE, (audited) -> {
		}).users()).isEqualTo(1);
		this.users.upsert(REPORT_DATE, List.of(user("AIDABOB", "bob")));

		assertThat(this.summaries.of(REPORT_DATE).users()).as("same execution: the scan is reused").isEqualTo(1);
		this.runs.start(REPORT_DATE, "SAMPLE", "the sample organization", 2);
		assertThat(this.summaries.of(REPORT_DATE).users()).as("a restart scans again").isEqualTo(2);
		LocalDate other = LocalDate.of(2026, 12, 8);
		this.runs.start(other, "SAMPLE", "the sample organization", 2);
		assertThat(this.summaries.of(other).users()).as("another audit").isZero();
	}

	private boolean autoCommit() {
		try {
			return DataSourceUtils.getConnection(this.dataSource).getAutoCommit();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static LiveUser user(String userId, String userName) {
		return new LiveUser(new IamUser("104857600123", userId, userName, "arn:aws:iam::104857600123:user/" + userName,
				"/", Instant.parse("2020-01-01T00:00:00Z"), List.of(), List.of(), List.of(), List.of(),
				List.of("us-east-1")), null, List.of());
	}

}
