package io.iamuseraudit.cron;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the real {@code cron/run-audit.sh} with bash, with {@code IAM_USER_AUDIT_COMMAND}
 * pointing at a stand-in script instead of the job. The stand-in records its arguments,
 * working directory and one environment variable next to itself, prints to stdout and
 * stderr, can hold until a {@code release} file appears, and exits with
 * {@code STAND_IN_EXIT}. Needs bash, flock and GNU date, hence Linux only.
 */
@EnabledOnOs(OS.LINUX)
class RunAuditScriptIntegrationTests {

	private static final Path SCRIPT = Path.of("cron", "run-audit.sh").toAbsolutePath();

	private static final long TIMEOUT_SECONDS = 30;

	private static final String STAND_IN = """
			#!/usr/bin/env bash
			dir=$(dirname "$0")
			printf '%s\\n' "$@" >"$dir/args.txt"
			pwd >"$dir/pwd.txt"
			printf '%s' "${FROM_ENV_FILE-<unset>}" >"$dir/env.txt"
			echo "stand-in stdout: audit running"
			echo "stand-in stderr: something to warn about" >&2
			touch "$dir/started"
			if [[ -n ${STAND_IN_HOLD:-} ]]; then
			  for _ in $(seq 300); do
			    [[ -e $dir/release ]] && break
			    sleep 0.1
			  done
			fi
			exit "${STAND_IN_EXIT:-0}"
			""";

	@TempDir
	Path tempDir;

	private Path home;

	private Path logDir;

	private Path standIn;

	private final Map<String, String> environment = new HashMap<>();

	private int runs;

	@BeforeEach
	void createStandInAndEnvironment() throws IOException {
		assertThat(SCRIPT).as("run from the project root").isRegularFile();
		this.home = Files.createDirectory(this.tempDir.resolve("home"));
		this.logDir = this.tempDir.resolve("logs");
		this.standIn = Files.writeString(this.tempDir.resolve("stand-in.sh"), STAND_IN);
		Files.setPosixFilePermissions(this.standIn, PosixFilePermissions.fromString("rwx------"));
		Path emptyEnvFile = Files.writeString(this.tempDir.resolve("empty.env"), "");
		// An explicit (empty) env file keeps a host's
		// /etc/iam-user-audit/iam-user-audit.env out.
		this.environment.put("IAM_USER_AUDIT_ENV", emptyEnvFile.toString());
		this.environment.put("IAM_USER_AUDIT_HOME", this.home.toString());
		this.environment.put("IAM_USER_AUDIT_LOG_DIR", this.logDir.toString());
		this.environment.put("IAM_USER_AUDIT_COMMAND", this.standIn.toString());
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3 })
	void passesJobExitCodeThrough(int jobExitCode) throws Exception {
		this.environment.put("STAND_IN_EXIT", String.valueOf(jobExitCode));

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isEqualTo(jobExitCode);
		assertThat(result.stdout()).contains("finished with exit code " + jobExitCode);
	}

	@Test
	void passesTodayInUtcAsReportDateByDefault() throws Exception {
		LocalDate before = LocalDate.now(ZoneOffset.UTC);
		Result result = run();
		LocalDate after = LocalDate.now(ZoneOffset.UTC);

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).hasSize(1);
		assertThat(jobArguments().get(0)).isIn("reportDate=" + before, "reportDate=" + after);
	}

	@Test
	void passesReportDateConfiguredAndExtraArgumentsInOrder() throws Exception {
		this.environment.put("IAM_USER_AUDIT_ARGS",
				"--audit.source=aws --audit.aws.config.aggregator-name=OrgAggregator");

		Result result = run("--report-date", "2026-03-02", "--", "--audit.mail.subject=IAM user audit", "--audit.x=y");

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).containsExactly("reportDate=2026-03-02", "--audit.source=aws",
				"--audit.aws.config.aggregator-name=OrgAggregator", "--audit.mail.subject=IAM user audit",
				"--audit.x=y");
		assertThat(Files.readString(this.tempDir.resolve("pwd.txt")).strip())
			.isEqualTo(this.home.toRealPath().toString());
	}

	@Test
	void buildsJavaCommandFromJarAndDefaultOptions() throws Exception {
		Path jar = Files.createFile(this.tempDir.resolve("iam-user-audit.jar"));
		this.environment.remove("IAM_USER_AUDIT_COMMAND");
		this.environment.put("JAVA", this.standIn.toString());
		this.environment.put("IAM_USER_AUDIT_JAR", jar.toString());

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
				"reportDate=2026-03-02");
	}

	@Test
	void writesJobOutputToDatedLogFile() throws Exception {
		Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Result result = run("--report-date", "2026-03-02");
		Instant after = Instant.now();

		assertThat(result.exitCode()).isZero();
		List<Path> logs = logFiles();
		assertThat(logs).hasSize(1);
		Path log = logs.get(0);
		String name = log.getFileName().toString();
		assertThat(name).matches("iam-user-audit-2026-03-02-\\d{8}T\\d{6}Z\\.log");
		Instant stamp = LocalDateTime
			.parse(name.substring("iam-user-audit-2026-03-02-".length(), name.length() - ".log".length()),
					DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"))
			.toInstant(ZoneOffset.UTC);
		assertThat(stamp).isBetween(before, after);
		assertThat(Files.readString(log)).contains("stand-in stdout: audit running",
				"stand-in stderr: something to warn about");
		assertThat(result.stdout()).contains("starting audit reportDate=2026-03-02", log.toString())
			.doesNotContain("stand-in stdout");
	}

	@Test
	void keepsSecretsInArgumentsOutOfTheLog() throws Exception {
		this.environment.remove("IAM_USER_AUDIT_COMMAND");
		this.environment.put("JAVA", this.standIn.toString());
		this.environment.put("IAM_USER_AUDIT_JAR", Files.createFile(this.tempDir.resolve("a.jar")).toString());
		this.environment.put("JAVA_OPTS", "-Dspring.datasource.password=hunter2");
		this.environment.put("IAM_USER_AUDIT_ARGS",
				"--spring.datasource.url=jdbc:postgresql://db/audit?user=audit&password=hunter3");

		Result result = run("--report-date", "2026-03-02", "--", "--audit.x.Client-Secret=hunter4",
				"AUDIT_TOKEN=hunter5", "--audit.aws.region=eu-west-1");

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).contains("--audit.x.Client-Secret=hunter4", "AUDIT_TOKEN=hunter5");
		String log = Files.readString(logFiles().get(0));
		assertThat(log).doesNotContain("hunter")
			.contains("-Dspring.datasource.password=REDACTED", "--spring.datasource.url=REDACTED",
					"--audit.x.Client-Secret=REDACTED", "AUDIT_TOKEN=REDACTED", "--audit.aws.region=eu-west-1");
	}

	@Test
	void prunesLogFilesOlderThanRetention() throws Exception {
		Path old = logFileAged("iam-user-audit-2025-06-02-20250602T060000Z.log", 100);
		Path recent = logFileAged("iam-user-audit-2026-02-16-20260216T060000Z.log", 10);
		Path unrelated = logFileAged("notes.log", 100);

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(old).doesNotExist();
		assertThat(recent).exists();
		assertThat(unrelated).exists();
	}

	@Test
	void honoursConfiguredLogRetention() throws Exception {
		Path tenDaysOld = logFileAged("iam-user-audit-2026-02-16-20260216T060000Z.log", 10);
		this.environment.put("IAM_USER_AUDIT_LOG_RETENTION_DAYS", "5");

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(tenDaysOld).doesNotExist();
	}

	@Test
	void refusesSecondConcurrentRun() throws Exception {
		this.environment.put("STAND_IN_HOLD", "true");
		Started first = start("--report-date", "2026-03-02");
		try {
			awaitFile(this.tempDir.resolve("started"));

			Result second = run("--report-date", "2026-03-02");

			assertThat(second.exitCode()).isEqualTo(75);
			assertThat(second.stderr())
				.contains("another audit run holds " + this.logDir.resolve(".run-audit.lock") + "; not starting");
		}
		finally {
			Files.writeString(this.tempDir.resolve("release"), "");
		}
		Result firstResult = await(first);
		assertThat(firstResult.exitCode()).isZero();
		assertThat(firstResult.stdout()).contains("finished with exit code 0");
		assertThat(logFiles()).hasSize(1);
	}

	@Test
	void loadsEnvFile() throws Exception {
		Path envFile = Files.writeString(this.tempDir.resolve("audit.env"), """
				# comment lines and quoted values as in iam-user-audit.env.example
				FROM_ENV_FILE="value from env file"
				IAM_USER_AUDIT_ARGS="--audit.source=sample"
				""");
		this.environment.put("IAM_USER_AUDIT_ENV", envFile.toString());

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(Files.readString(this.tempDir.resolve("env.txt"))).isEqualTo("value from env file");
		assertThat(jobArguments()).containsExactly("reportDate=2026-03-02", "--audit.source=sample");
	}

	@ParameterizedTest
	@ValueSource(strings = { "02", "08", "48", "52" })
	void runsInEvenIsoWeeksWithAuditWeekGuard(String isoWeek) throws Exception {
		this.environment.put("IAM_USER_AUDIT_ISO_WEEK", isoWeek);

		Result result = run("--if-audit-week", "--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).containsExactly("reportDate=2026-03-02");
	}

	@ParameterizedTest
	@ValueSource(strings = { "01", "09", "49", "53" })
	void skipsOddIsoWeeksWithAuditWeekGuard(String isoWeek) throws Exception {
		this.environment.put("IAM_USER_AUDIT_ISO_WEEK", isoWeek);

		Result result = run("--if-audit-week", "--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("not an audit week");
		assertThat(this.tempDir.resolve("args.txt")).doesNotExist();
		assertThat(logFiles()).isEmpty();
	}

	@Test
	void runsInOddIsoWeeksWithoutAuditWeekGuard() throws Exception {
		this.environment.put("IAM_USER_AUDIT_ISO_WEEK", "09");

		Result result = run("--report-date", "2026-03-02");

		assertThat(result.exitCode()).isZero();
		assertThat(jobArguments()).containsExactly("reportDate=2026-03-02");
	}

	@Test
	void printsUsageOnHelp() throws Exception {
		Result result = run("--help");

		assertThat(result.exitCode()).isZero();
		assertThat(result.stdout()).contains("Usage:", "--if-audit-week", "--report-date");
		assertThat(this.tempDir.resolve("args.txt")).doesNotExist();
	}

	@Nested
	class RejectsBadUsageWithExitCode2 {

		@ParameterizedTest
		@ValueSource(strings = { "2026-02-30", "2026-3-2", "02.03.2026", "" })
		void rejectsBadReportDate(String reportDate) throws Exception {
			assertUsageError(run("--report-date", reportDate), "invalid --report-date");
		}

		@Test
		void rejectsUnknownOption() throws Exception {
			assertUsageError(run("--audit.source=aws"), "unexpected argument");
		}

		@Test
		void rejectsReportDateAmongJobArguments() throws Exception {
			assertUsageError(run("--", "reportDate=2026-03-02"), "pass the date as --report-date");
		}

		@Test
		void rejectsMissingExplicitEnvFile() throws Exception {
			Path missing = RunAuditScriptIntegrationTests.this.tempDir.resolve("missing.env");
			RunAuditScriptIntegrationTests.this.environment.put("IAM_USER_AUDIT_ENV", missing.toString());

			assertUsageError(run("--report-date", "2026-03-02"), missing.toString());
		}

		@Test
		void rejectsMissingJar() throws Exception {
			RunAuditScriptIntegrationTests.this.environment.remove("IAM_USER_AUDIT_COMMAND");
			RunAuditScriptIntegrationTests.this.environment.put("IAM_USER_AUDIT_JAR",
					RunAuditScriptIntegrationTests.this.tempDir.resolve("missing.jar").toString());

			assertUsageError(run("--report-date", "2026-03-02"), "missing.jar");
		}

		@Test
		void rejectsInvalidIsoWeekOverride() throws Exception {
			RunAuditScriptIntegrationTests.this.environment.put("IAM_USER_AUDIT_ISO_WEEK", "54");

			assertUsageError(run("--if-audit-week"), "invalid ISO week number");
		}

		private void assertUsageError(Result result, String message) throws IOException {
			assertThat(result.exitCode()).isEqualTo(2);
			assertThat(result.stderr()).contains(message);
			assertThat(RunAuditScriptIntegrationTests.this.tempDir.resolve("args.txt")).doesNotExist();
			assertThat(logFiles()).isEmpty();
		}

	}

	private Result run(String... arguments) throws Exception {
		return await(start(arguments));
	}

	private Started start(String... arguments) throws IOException {
		int run = ++this.runs;
		Path stdout = this.tempDir.resolve("run-" + run + ".out");
		Path stderr = this.tempDir.resolve("run-" + run + ".err");
		List<String> command = Stream.concat(Stream.of("bash", SCRIPT.toString()), Stream.of(arguments)).toList();
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.tempDir.toFile())
			.redirectOutput(stdout.toFile())
			.redirectError(stderr.toFile());
		Map<String, String> env = builder.environment();
		env.keySet()
			.removeIf((name) -> name.startsWith("IAM_USER_AUDIT_") || name.startsWith("STAND_IN_")
					|| name.equals("JAVA") || name.equals("JAVA_OPTS"));
		env.putAll(this.environment);
		return new Started(builder.start(), stdout, stderr);
	}

	private Result await(Started started) throws Exception {
		boolean finished = started.process().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
		if (!finished) {
			started.process().destroyForcibly();
		}
		assertThat(finished).as("run-audit.sh finished within %d s", TIMEOUT_SECONDS).isTrue();
		return new Result(started.process().exitValue(), Files.readString(started.stdout()),
				Files.readString(started.stderr()));
	}

	private static void awaitFile(Path file) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
		while (!Files.exists(file) && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		assertThat(file).as("stand-in started").exists();
	}

	private List<String> jobArguments() throws IOException {
		return Files.readAllLines(this.tempDir.resolve("args.txt"));
	}

	private List<Path> logFiles() throws IOException {
		if (!Files.isDirectory(this.logDir)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(this.logDir)) {
			return files.filter((file) -> file.getFileName().toString().endsWith(".log")).toList();
		}
	}

	private Path logFileAged(String name, int days) throws IOException {
		Path file = Files.writeString(Files.createDirectories(this.logDir).resolve(name), "old run\n");
		Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(days, ChronoUnit.DAYS)));
		return file;
	}

	private record Started(Process process, Path stdout, Path stderr) {
	}

	private record Result(int exitCode, String stdout, String stderr) {
	}

}
