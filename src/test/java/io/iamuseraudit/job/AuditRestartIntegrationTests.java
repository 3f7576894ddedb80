package io.iamuseraudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.delivery.OutboxReportMailer;
import io.iamuseraudit.delivery.ReportMailer;
import io.iamuseraudit.delivery.Sha256;
import io.iamuseraudit.history.AuditedUsers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A delivery that fails once: the restart resumes at the failed step and delivers once.
 */
@SpringBatchTest
@SpringBootTest
class AuditRestartIntegrationTests {

	private static final Path directory = TestDirectories.create("restart");

	private static final JobParameters REPORT_DATE = new JobParametersBuilder()
		.addLocalDate("reportDate", LocalDate.of(2026, 11, 24))
		.toJobParameters();

	@Autowired
	private JobOperatorTestUtils jobs;

	@Autowired
	private FailingOnceMailer mailer;

	@Autowired
	private AuditedUsers users;

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
	void restartDeliversOnceWithoutCollectingOrArchivingAgain() throws Exception {
		JobExecution failed = this.jobs.startJob(REPORT_DATE);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(AuditCommandRunner.exitCode(failed)).isEqualTo(AuditExitCode.FAILED);
		assertThat(stepStatuses(failed)).containsEntry("archiveReports", BatchStatus.COMPLETED)
			.containsEntry("emailReport", BatchStatus.FAILED);
		Map<Path, String> archived = archivedFiles();
		assertThat(archived).hasSize(4);

		JobExecution restarted = this.jobs.startJob(REPORT_DATE);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("emailReport", "purgeHistory");
		assertThat(this.users.count(LocalDate.of(2026, 11, 24))).isEqualTo(300);
		assertThat(archivedFiles()).isEqualTo(archived);
		assertThat(outbox()).hasSize(1);
		assertThat(this.mailer.attempts).hasValue(2);

		AuditCommandRunner cronFiresAgain = this.context.getAutowireCapableBeanFactory()
			.createBean(AuditCommandRunner.class);
		cronFiresAgain.run(new DefaultApplicationArguments("reportDate=2026-11-24"));

		assertThat(cronFiresAgain.getExitCode()).isZero();
		assertThat(outbox()).hasSize(1);
		assertThat(this.mailer.attempts).hasValue(2);
	}

	private static Map<String, BatchStatus> stepStatuses(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.collect(Collectors.toMap(StepExecution::getStepName, StepExecution::getStatus));
	}

	private static Map<Path, String> archivedFiles() throws Exception {
		try (Stream<Path> files = Files.walk(directory.resolve("out/archive"))) {
			return files.filter(Files::isRegularFile).collect(Collectors.toMap(file -> file, Sha256::of));
		}
	}

	private static List<Path> outbox() throws Exception {
		try (Stream<Path> files = Files.list(directory.resolve("out/outbox"))) {
			return files.toList();
		}
	}

	/**
	 * Fails the first email, as an unreachable mail service would; sends the next ones to
	 * the outbox.
	 */
	static class FailingOnceMailer implements ReportMailer {

		final AtomicInteger attempts = new AtomicInteger();

		private final ReportMailer outbox = new OutboxReportMailer(directory.resolve("out/outbox"));

		@Override
		public String send(jakarta.mail.internet.MimeMessage message) {
			if (this.attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("mail service unavailable");
			}
			return this.outbox.send(message);
		}

	}

	@TestConfiguration
	static class FailingMailerConfiguration {

		@Bean
		@Primary
		FailingOnceMailer failingOnceMailer() {
			return new FailingOnceMailer();
		}

	}

}
