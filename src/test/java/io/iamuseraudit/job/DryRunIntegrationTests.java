package io.iamuseraudit.job;

import java.nio.file.Path;

import io.iamuseraudit.TestDirectories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * {@code audit.delivery.enabled=false}: collect and render, deliver nothing; and the
 * run's summary.
 */
@SpringBootTest(properties = "audit.delivery.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class DryRunIntegrationTests {

	private static final Path directory = TestDirectories.create("dry-run");

	@Autowired
	private ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDirectories.useFor(registry, directory);
	}

	@AfterAll
	static void deleteFiles() {
		TestDirectories.delete(directory);
	}

	@Test
	void rendersButDeliversNothingAndSummarisesTheRun(CapturedOutput output) throws Exception {
		AuditCommandRunner runner = this.context.getAutowireCapableBeanFactory().createBean(AuditCommandRunner.class);

		runner.run(new DefaultApplicationArguments("reportDate=2026-11-24"));

		assertThat(runner.getExitCode()).isZero();
		assertThat(directory.resolve("out/iam-user-audit-2026-11-24.pdf")).isNotEmptyFile();
		assertThat(directory.resolve("out/iam-user-audit-2026-11-24.csv")).isNotEmptyFile();
		assertThat(directory.resolve("out/archive")).doesNotExist();
		assertThat(directory.resolve("out/outbox")).doesNotExist();
		assertThat(output).contains("Dry run (audit.delivery.enabled=false): archiveReports delivers nothing",
				"Dry run (audit.delivery.enabled=false): emailReport delivers nothing");
		assertThat(output).contains("==== IAM user audit 2026-11-24: completed (exit code 0) ====",
				"Users: 300 in 10 accounts, 64 % with an owner tag; high-severity findings: 22 (19 users)",
				"Baseline: first audit in the history",
				"Reports: " + directory.resolve("out/iam-user-audit-2026-11-24.pdf"));
		assertThat(output)
			.containsPattern("collectUsers\\s+COMPLETED\\s+[\\d.]+ s\\s+read 311, written 306, filtered 5");
		assertThat(output).containsPattern("enrichUsers\\s+COMPLETED");
	}

}
