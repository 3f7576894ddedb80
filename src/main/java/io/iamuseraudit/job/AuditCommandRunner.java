package io.iamuseraudit.job;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.InvalidConfigurationException;
import io.iamuseraudit.ReportDate;
import io.iamuseraudit.delivery.FailureNotice;
import io.iamuseraudit.delivery.ReportEmail;
import io.iamuseraudit.history.AuditLock;
import io.iamuseraudit.history.AuditRun;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;

/**
 * What {@code java -jar iam-user-audit.jar} does: runs the audit of a report date (or
 * restarts it where it failed), or lists past audits. The exit code tells cron how it
 * went. Registered by {@code IamUserAuditApplication.application()}, not by component
 * scanning.
 */
public class AuditCommandRunner implements ApplicationRunner, ExitCodeGenerator {

	private static final Log logger = LogFactory.getLog(AuditCommandRunner.class);

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Job job;

	private final AuditProperties properties;

	private final ReportEmail email;

	private final RunSummary summary;

	private final HistoryCommand history;

	private final FailureNotice failureNotice;

	private final AuditLock lock;

	private AuditExitCode exitCode = AuditExitCode.COMPLETED;

	public AuditCommandRunner(JobOperator jobOperator, JobRepository jobRepository, Job job, AuditProperties properties,
			ReportEmail email, RunSummary summary, HistoryCommand history, FailureNotice failureNotice,
			AuditLock lock) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.job = job;
		this.properties = properties;
		this.email = email;
		this.summary = summary;
		this.history = history;
		this.failureNotice = failureNotice;
		this.lock = lock;
	}

	@Override
	public void run(ApplicationArguments args) throws Exception {
		try {
			JobArguments arguments = JobArguments.parse(args.getNonOptionArgs(), LocalDate.now(ZoneOffset.UTC));
			switch (this.properties.command()) {
				case HISTORY -> this.history.print();
				case RUN -> this.exitCode = audit(arguments.reportDate());
			}
		}
		catch (UsageException ex) {
			logger.error(ex.getMessage());
			this.exitCode = AuditExitCode.INVALID;
		}
	}

	private AuditExitCode audit(LocalDate reportDate) throws Exception {
		Optional<AuditLock.Held> held = this.lock.tryAcquire();
		if (held.isEmpty()) {
			logger.error("Another audit is running against this history database; not starting a second one. "
					+ "Run again once it has ended.");
			return AuditExitCode.BUSY;
		}
		try (AuditLock.Held ignored = held.get()) {
			return auditHoldingTheLock(reportDate);
		}
	}

	private AuditExitCode auditHoldingTheLock(LocalDate reportDate) throws Exception {
		boolean dryRun = !this.properties.delivery().enabled();
		JobExecution real = this.jobRepository.getLastJobExecution(this.job.getName(), parameters(reportDate, false));
		if (dryRun && real != null) {
			logger.error(("The audit of %s has already run for real (execution %d, %s); a dry run of the same date "
					+ "would replace its history and reports. Dry-run another reportDate, or drop "
					+ "--audit.delivery.enabled=false to restart or resend it.")
				.formatted(reportDate, real.getId(), real.getStatus()));
			return AuditExitCode.INVALID;
		}
		JobParameters parameters = parameters(reportDate, dryRun);
		JobExecution last = dryRun ? this.jobRepository.getLastJobExecution(this.job.getName(), parameters) : real;
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			return alreadyCompleted(reportDate, last, dryRun);
		}
		if (last != null && last.getStatus().isRunning()) {
			// Every run holds the lock, so one still marked running died without ending.
			logger.warn("The audit of %s was left %s by a process that is gone (killed?); recovering it to restart"
				.formatted(reportDate, last.getStatus()));
			this.jobOperator.recover(last);
		}
		if (last != null) {
			logger.info("Restarting the audit of %s where execution %d stopped".formatted(reportDate, last.getId()));
		}
		JobExecution execution = this.jobOperator.start(this.job, parameters);
		AuditExitCode code = exitCode(execution);
		this.summary.log(execution, code);
		if (!dryRun && (code == AuditExitCode.FAILED || code == AuditExitCode.INVALID)) {
			notifyFailure(reportDate, execution, code == AuditExitCode.INVALID);
		}
		return code;
	}

	private void notifyFailure(LocalDate reportDate, JobExecution execution, boolean invalidConfiguration) {
		String failedStep = execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStatus() == BatchStatus.FAILED)
			.map(StepExecution::getStepName)
			.findFirst()
			.orElse(null);
		String reason = execution.getAllFailureExceptions()
			.stream()
			.map(Failures::reason)
			.findFirst()
			.orElse(execution.getExitStatus().getExitDescription());
		this.failureNotice.send(reportDate, failedStep, reason, invalidConfiguration);
	}

	private static JobParameters parameters(LocalDate reportDate, boolean dryRun) {
		JobParametersBuilder parameters = new JobParametersBuilder().addLocalDate(ReportDate.PARAMETER, reportDate);
		if (dryRun) {
			parameters.addString(UnlessDryRun.PARAMETER, "true");
		}
		return parameters.toJobParameters();
	}

	private AuditExitCode alreadyCompleted(LocalDate reportDate, JobExecution last, boolean dryRun) {
		if (dryRun) {
			logger.info("A dry run of %s already completed (execution %d, ended %s); nothing to do."
				.formatted(reportDate, last.getId(), utc(last.getEndTime())));
			return AuditExitCode.COMPLETED;
		}
		if (this.properties.email().resend()) {
			this.email.send(reportDate, true);
			return AuditExitCode.COMPLETED;
		}
		logger.info("The audit of %s already completed (execution %d, ended %s); nothing to do. ".formatted(reportDate,
				last.getId(), utc(last.getEndTime())) + "To send its email again, add --audit.email.resend=true.");
		return AuditExitCode.COMPLETED;
	}

	/** Spring Batch keeps times in the JVM's zone; the logs speak UTC. */
	private static Object utc(LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toInstant() : "at an unknown time";
	}

	static AuditExitCode exitCode(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			boolean misconfigured = execution.getAllFailureExceptions()
				.stream()
				.anyMatch(InvalidConfigurationException::isCauseOf);
			return misconfigured ? AuditExitCode.INVALID : AuditExitCode.FAILED;
		}
		return AuditRun.COMPLETED_WITH_WARNINGS.equals(execution.getExitStatus().getExitCode())
				? AuditExitCode.COMPLETED_WITH_WARNINGS : AuditExitCode.COMPLETED;
	}

	@Override
	public int getExitCode() {
		return this.exitCode.code();
	}

}
