package io.iamuseraudit.job;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.delivery.Sha256;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditLock;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
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
 * Dry runs and the history: a dry run never replaces a real audit of its date, and no
 * real audit takes a dry run for its previous one. One audit at a time.
 */
@SpringBootTest(properties = "audit.delivery.enabled=false")
@ExtendWith(OutputCaptureExtension.class)
class DryRunHistoryIntegrationTests {

	private static final Path directory = TestDirectories.create("dry-run-history");

	@Autowired
	private ConfigurableApplicationContext context;

	@Autowired
	private JobOperator jobOperator;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private Job job;

	@Autowired
	private AuditRuns runs;

	@Autowired
	private AuditLock lock;

	@Autowired
	private ApiCalls apiCalls;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDirectories.useFor(registry, directory);
	}

	@AfterAll
	static void deleteFiles() {
		TestDirectories.delete(directory);
	}

	@Test
	void dryRunsNeitherReplaceNorBecomeTheBaselineOfRealAudits(CapturedOutput output) throws Exception {
		assertThat(realAudit(LocalDate.of(2026, 11, 10))).isEqualTo(BatchStatus.COMPLETED);
		Path pdf = directory.resolve("out/iam-user-audit-2026-11-10.pdf");
		String realPdf = Sha256.of(pdf);

		AuditCommandRunner sameDate = runner();
		sameDate.run(new DefaultApplicationArguments("reportDate=2026-11-10"));

		assertThat(sameDate.getExitCode()).isEqualTo(2);
		assertThat(output).contains("The audit of 2026-11-10 has already run for real");
		assertThat(Sha256.of(pdf)).isEqualTo(realPdf);
		assertThat(this.runs.find(LocalDate.of(2026, 11, 10))).map(AuditRun::status).contains(AuditRun.COMPLETED);

		AuditCommandRunner dryRun = runner();
		dryRun.run(new DefaultApplicationArguments("reportDate=2026-11-17"));

		assertThat(dryRun.getExitCode()).isZero();
		assertThat(this.runs.find(LocalDate.of(2026, 11, 17))).map(AuditRun::status).contains(AuditRun.DRY_RUN);

		assertThat(realAudit(LocalDate.of(2026, 11, 24))).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.runs.find(LocalDate.of(2026, 11, 24))).map(AuditRun::previousReportDate)
			.contains(LocalDate.of(2026, 11, 10));
	}

	@Test
	void aRealAuditReplacingADryRunDoesNotCountItsApiCalls() {
		LocalDate reportDate = LocalDate.of(2026, 10, 27);
		this.runs.start(reportDate, "AWS", "test", 1);
		this.apiCalls.add(reportDate, "", Map.of("Config", 5));
		this.runs.finish(reportDate, AuditRun.DRY_RUN, 0);

		this.runs.start(reportDate, "AWS", "test", 2);

		assertThat(this.apiCalls.byService(reportDate)).isEmpty();
	}

	@Test
	void aRestartKeepsTheApiCallsOfItsEarlierAttempts() {
		LocalDate reportDate = LocalDate.of(2026, 10, 20);
		this.runs.start(reportDate, "AWS", "test", 1);
		this.apiCalls.add(reportDate, "", Map.of("Config", 5));
		this.runs.finish(reportDate, AuditRun.FAILED, 0);

		this.runs.start(reportDate, "AWS", "test", 1);
		this.apiCalls.add(reportDate, "", Map.of("Config", 2));

		assertThat(this.apiCalls.byService(reportDate)).containsEntry("Config", 7);
	}

	@Test
	void aSecondAuditWhileOneRunsStartsNothingAndExitsBusy(CapturedOutput output) throws Exception {
		Optional<AuditLock.Held> held = this.lock.tryAcquire();
		assertThat(held).isPresent();
		try (AuditLock.Held running = held.get()) {
			assertThat(this.lock.tryAcquire()).isEmpty();

			AuditCommandRunner second = runner();
			second.run(new DefaultApplicationArguments("reportDate=2026-11-03"));

			assertThat(second.getExitCode()).isEqualTo(75);
			assertThat(output).contains("Another audit is running against this history database");
			assertThat(this.jobRepository.getJobInstance(this.job.getName(), dryRunOf(LocalDate.of(2026, 11, 3))))
				.isNull();
		}
		Optional<AuditLock.Held> again = this.lock.tryAcquire();
		assertThat(again).isPresent();
		again.get().close();
	}

	private BatchStatus realAudit(LocalDate reportDate) throws Exception {
		return this.jobOperator
			.start(this.job, new JobParametersBuilder().addLocalDate("reportDate", reportDate).toJobParameters())
			.getStatus();
	}

	private static JobParameters dryRunOf(LocalDate reportDate) {
		return new JobParametersBuilder().addLocalDate("reportDate", reportDate)
			.addString(UnlessDryRun.PARAMETER, "true")
			.toJobParameters();
	}

	private AuditCommandRunner runner() {
		return this.context.getAutowireCapableBeanFactory().createBean(AuditCommandRunner.class);
	}

}
