package io.iamuseraudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.history.AuditLock;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditedUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history on PostgreSQL, as README promises: Flyway's and Spring Batch's schemas, two
 * audits compared, and the audit lock across connections. Runs where a server is given
 * ({@code .ci/run} starts one): {@code IAM_USER_AUDIT_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}. Each run works in a schema of its own, dropped at the end.
 */
@EnabledIfEnvironmentVariable(named = "IAM_USER_AUDIT_TEST_POSTGRES_URL", matches = "jdbc:postgresql:.+")
@SpringBootTest
@ExtendWith(OutputCaptureExtension.class)
class PostgresHistoryIntegrationTests {

	private static final String URL = System.getenv("IAM_USER_AUDIT_TEST_POSTGRES_URL");

	private static final String USER = System.getenv("IAM_USER_AUDIT_TEST_POSTGRES_USER");

	private static final String PASSWORD = System.getenv("IAM_USER_AUDIT_TEST_POSTGRES_PASSWORD");

	private static final String SCHEMA = "audit_test_" + UUID.randomUUID().toString().replace("-", "");

	private static final Path directory = TestDirectories.create("postgres");

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private AuditRuns runs;

	@Autowired
	private AuditedUsers users;

	@Autowired
	private AuditLock lock;

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws SQLException {
		execute("create schema " + SCHEMA);
		TestDirectories.useFor(registry, directory);
		registry.add("spring.datasource.url", () -> URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> PASSWORD);
	}

	@AfterAll
	static void dropSchema() throws SQLException {
		TestDirectories.delete(directory);
		execute("drop schema " + SCHEMA + " cascade");
	}

	@Test
	void auditsAndComparesWithThePreviousAudit() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
			assertThat(connection.getSchema()).isEqualTo(SCHEMA);
		}

		AuditCommandRunner first = runner();
		first.run(new DefaultApplicationArguments("reportDate=2026-11-10"));
		AuditCommandRunner second = runner();
		second.run(new DefaultApplicationArguments("reportDate=2026-11-24"));

		assertThat(first.getExitCode()).isZero();
		assertThat(second.getExitCode()).isZero();
		assertThat(this.users.count(LocalDate.of(2026, 11, 24))).isEqualTo(300);
		assertThat(this.runs.find(LocalDate.of(2026, 11, 24))).hasValueSatisfying((run) -> {
			assertThat(run.status()).isEqualTo(AuditRun.COMPLETED);
			assertThat(run.previousReportDate()).isEqualTo(LocalDate.of(2026, 11, 10));
			assertThat(run.users()).isEqualTo(300);
		});
		assertThat(Files.readAllLines(directory.resolve("out/iam-user-audit-2026-11-24.csv"))).hasSize(301);
	}

	@Test
	void aSecondAuditWhileOneRunsExitsBusy(CapturedOutput output) throws Exception {
		Optional<AuditLock.Held> held = this.lock.tryAcquire();
		assertThat(held).isPresent();
		try (AuditLock.Held running = held.get()) {
			assertThat(advisoryLocks()).as("a session lock").isOne();
			assertThat(idleInTransaction()).as("no transaction held open").isZero();
			AuditCommandRunner second = runner();
			second.run(new DefaultApplicationArguments("reportDate=2026-11-03"));

			assertThat(second.getExitCode()).isEqualTo(75);
			assertThat(output).contains("Another audit is running against this history database");
		}
		assertThat(this.runs.find(LocalDate.of(2026, 11, 3))).isEmpty();
		assertThat(advisoryLocks()).isZero();
		Optional<AuditLock.Held> again = this.lock.tryAcquire();
		assertThat(again).isPresent();
		again.get().close();
	}

	private int idleInTransaction() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet idle = statement.executeQuery(
						"select count(*) from pg_stat_activity where datname = current_database() and state like 'idle in transaction%'")) {
			idle.next();
			return idle.getInt(1);
		}
	}

	private int advisoryLocks() throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet locks = statement.executeQuery(
						"select count(*) from pg_locks where locktype = 'advisory' and database = (select oid from pg_database where datname = current_database())")) {
			locks.next();
			return locks.getInt(1);
		}
	}

	private AuditCommandRunner runner() {
		return this.context.getAutowireCapableBeanFactory().createBean(AuditCommandRunner.class);
	}

	private static void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(URL, USER, PASSWORD);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
