package io.iamuseraudit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar as cron runs it, in a working directory of its own (so the sample and
 * the query come from the copies bundled in the jar): exit codes, messages, re-runs.
 */
class CommandLineIntegrationTests {

	@TempDir
	Path dir;

	/** The jar's working directory, inside {@link #dir} so that its run logs are too. */
	Path workingDirectory;

	@BeforeAll
	static void jarIsBuilt() {
		assertThat(JarRun.JAR).as("run by 'mvnw verify', after packaging").exists();
	}

	@BeforeEach
	void workingDirectory() {
		this.workingDirectory = this.dir.resolve("work");
	}

	@Test
	void auditsTheSampleThenRecognisesTheCompletedAudit() throws Exception {
		Run first = run("reportDate=2026-11-24");

		assertThat(first.exitCode()).as(first.output()).isZero();
		assertThat(first.output()).contains("IAM user audit 2026-11-24: completed (exit code 0)");
		assertThat(this.workingDirectory.resolve("out/iam-user-audit-2026-11-24.pdf")).isNotEmptyFile();
		assertThat(this.workingDirectory.resolve("data")).isDirectory();

		Run again = run("reportDate=2026-11-24");

		assertThat(again.exitCode()).as(again.output()).isZero();
		assertThat(again.output()).contains("The audit of 2026-11-24 already completed");
		try (var emails = Files.list(this.workingDirectory.resolve("out/outbox"))) {
			assertThat(emails).hasSize(1);
		}

		Run history = run("--audit.command=history");

		assertThat(history.exitCode()).isZero();
		assertThat(history.output()).containsPattern("2026-11-24\\s+COMPLETED\\s+sample\\s+300\\s+10");
	}

	@Nested
	class UnusableHistoryDatabase {

		@Test
		void refusesToStartWhileAnotherProcessHoldsIt() throws Exception {
			Path database = CommandLineIntegrationTests.this.workingDirectory.resolve("data/iam-user-audit");
			try (Connection held = DriverManager.getConnection("jdbc:h2:file:" + database, "sa", "")) {
				Run run = run();

				assertThat(run.exitCode()).isEqualTo(1);
				assertThat(run.output()).contains("The history database is in use by another process",
						"Nothing was audited or written");
			}
			assertThat(CommandLineIntegrationTests.this.workingDirectory.resolve("out")).doesNotExist();
		}

		@Test
		void saysWhenTheDatabaseServerCannotBeReached() throws Exception {
			Run run = run("--spring.datasource.url=jdbc:postgresql://127.0.0.1:9/audit",
					"--spring.datasource.hikari.connection-timeout=2000");

			assertThat(run.exitCode()).isEqualTo(1);
			assertThat(run.output()).contains("The history database cannot be reached", "spring.datasource.url");
			assertThat(CommandLineIntegrationTests.this.workingDirectory.resolve("out")).doesNotExist();
		}

	}

	@Nested
	class InvalidUsage {

		@Test
		void namesAnInvalidPropertyValue() throws Exception {
			Run run = run("--audit.findings.inactive-days=0");

			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.output()).contains("audit.findings.inactiveDays", "Value: \"0\"",
					"must be greater than or equal to 1");
			assertThat(CommandLineIntegrationTests.this.workingDirectory.resolve("out")).doesNotExist();
		}

		@Test
		void namesAMisspeltProperty() throws Exception {
			Run run = run("--audit.findings.inactive-dayz=30");

			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.output()).contains("audit.findings.inactive-dayz");
		}

		@Test
		void namesAPropertyThatAnotherOneRequires() throws Exception {
			Run run = run("--audit.source=aws");

			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.output()).contains("audit.aws.config.aggregator-name is required when audit.source=aws");
		}

		@Test
		void refusesAnInvalidReportDate() throws Exception {
			Run run = run("reportDate=2026-13-01");

			assertThat(run.exitCode()).isEqualTo(2);
			assertThat(run.output()).contains("reportDate must be a date", "usage:");
		}

	}

	private Run run(String... arguments) throws InterruptedException {
		JarRun run = JarRun.start(this.workingDirectory, Map.of(), arguments);
		int exitCode = run.exitCode(Duration.ofSeconds(120));
		return new Run(exitCode, run.output());
	}

	record Run(int exitCode, String output) {
	}

}
