package io.iamuseraudit.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.iamuseraudit.delivery.FakeSes;
import io.iamuseraudit.delivery.InProcessS3;
import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganizationGenerator;

import org.springframework.util.FileSystemUtils;

/**
 * Measures the packaged job on a synthetic organization against a simulated AWS that
 * keeps AWS's quotas and adds a latency to every call, and compares it with the quota
 * floor and with a naive script. Run with {@code ./mvnw -B -Pbench verify} (options in
 * {@code -Dbench.args="..."}, see {@link BenchmarkOptions}); results go to standard
 * output as a Markdown section for {@code docs/benchmarks.md}.
 */
public final class AuditBenchmark {

	private static final String BUCKET = "benchmark-evidence";

	private AuditBenchmark() {
	}

	private static final Path JOB_LOG = Path.of("target/benchmark-job.log");

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options = BenchmarkOptions.parse(args);
		Path jar = Path.of("target/iam-user-audit.jar").toAbsolutePath();
		Path directory = Files.createTempDirectory("iam-user-audit-benchmark-");
		Instant now = Instant.now();
		FakeOrganization organization = new FakeOrganizationGenerator(options.seed(), now)
			.recentFraction(options.recentFraction())
			.generate(options.accounts(), options.users());
		try (FakeAws aws = new FakeAws(organization).start();
				InProcessS3 s3 = InProcessS3.start(true, FakeAws.ADMIN_ACCESS_KEY, FakeAws.ADMIN_SECRET_KEY);
				FakeSes ses = FakeSes.start()) {
			aws.latency(options.latency())
				.credentialReportGenerationTime(options.reportGeneration())
				.configRequestsPerSecond(options.configRate());
			s3.createBucket(BUCKET);
			// Models first: the job generates credential reports, which changes what
			// comes next.
			QuotaFloor floor = QuotaFloor.of(organization, options, organization.configRows());
			NaiveAudit naive = new NaiveAudit(aws.endpoint(), options);
			List<FakeAccount> sample = NaiveAudit.smallestAccounts(organization.accounts(), options.naiveAccounts());
			Duration naiveFullModel = naive.modelled(organization.accounts(), now);
			JobProcess.Result job = JobProcess.run(jar, directory, environment(aws, s3, ses),
					jobArguments(options, directory), options.heap(), options.jvmOptions());
			List<String> cloudTrail = cloudTrailBound(aws, organization, now);
			long throttled = aws.cloudTrailThrottled();
			Duration naiveSampleModel = naive.modelled(sample, Instant.now());
			Duration naiveMeasured = naive.measure(sample);
			System.out.println(report(options, organization, job, floor, cloudTrail, naiveMeasured, naiveSampleModel,
					naiveFullModel, throttled));
			Files.copy(job.log(), JOB_LOG, StandardCopyOption.REPLACE_EXISTING);
			System.out.println("The job's log: " + JOB_LOG);
			if (job.exitCode() != 0 && job.exitCode() != 3) {
				System.out.println("The job failed; its log:\n" + Files.readString(job.log()));
			}
		}
		finally {
			FileSystemUtils.deleteRecursively(directory);
		}
	}

	private static Map<String, String> environment(FakeAws aws, InProcessS3 s3, FakeSes ses) {
		return Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
				"AWS_ENDPOINT_URL_SESV2", ses.endpoint().toString(), "AWS_ACCESS_KEY_ID", FakeAws.ADMIN_ACCESS_KEY,
				"AWS_SECRET_ACCESS_KEY", FakeAws.ADMIN_SECRET_KEY, "AWS_REGION", "us-east-1");
	}

	private static List<String> jobArguments(BenchmarkOptions options, Path directory) {
		List<String> arguments = new ArrayList<>(
				List.of("--audit.source=aws", "--audit.aws.config.aggregator-name=OrgAggregator",
						"--audit.archive.bucket=" + BUCKET, "--audit.archive.kms-key-id=alias/benchmark",
						"--audit.email.from=audit@example.com", "--audit.email.to=cto@example.com",
						"--spring.datasource.url=jdbc:h2:file:" + directory.resolve("data/audit")));
		arguments.addAll(options.jobArguments());
		return arguments;
	}

	/**
	 * Accounts whose CloudTrail calls exceed {@code ceil(events in window / 50) + 1} when
	 * they have users created in the window, or any call when they have none.
	 */
	private static List<String> cloudTrailBound(FakeAws aws, FakeOrganization organization, Instant now) {
		Map<String, Long> calls = aws.calls("LookupEvents")
			.stream()
			.collect(Collectors.groupingBy(FakeCall::accountId, Collectors.counting()));
		List<String> exceeded = new ArrayList<>();
		for (FakeAccount account : organization.accounts()) {
			long events = QuotaFloor.eventsInWindow(account, now);
			boolean createdInWindow = account.users()
				.stream()
				.anyMatch(user -> user.createdAt() != null
						&& !user.createdAt().isBefore(now.minus(QuotaFloor.CLOUDTRAIL_HISTORY)));
			long bound = createdInWindow ? (events + QuotaFloor.CLOUDTRAIL_PAGE - 1) / QuotaFloor.CLOUDTRAIL_PAGE + 1
					: 0;
			long made = calls.getOrDefault(account.id(), 0L);
			if (made > bound) {
				exceeded.add("%s: %d calls for %d events".formatted(account.id(), made, events));
			}
		}
		return exceeded;
	}

	private static String report(BenchmarkOptions options, FakeOrganization organization, JobProcess.Result job,
			QuotaFloor floor, List<String> cloudTrail, Duration naiveMeasured, Duration naiveSampleModel,
			Duration naiveFullModel, long throttled) {
		double floorSeconds = seconds(floor.floor());
		double naiveFull = seconds(floor.config())
				+ seconds(naiveFullModel) * seconds(naiveMeasured) / Math.max(1e-9, seconds(naiveSampleModel));
		StringBuilder text = new StringBuilder();
		text.append("### %,d accounts, %,d users (%.0f %% created in the last 90 days), %d ms latency, -Xmx%s%n%n"
			.formatted(organization.accounts().size(), organization.users().size(), options.recentFraction() * 100,
					options.latency().toMillis(), options.heap()));
		text.append("| measure | value |\n|---|---|\n");
		row(text, "exit code", String.valueOf(job.exitCode()));
		row(text, "wall time (JVM start to exit)", "%.1f s".formatted(seconds(job.wall())));
		row(text, "quota floor",
				"%.1f s (Config %.1f s, Organizations %.1f s, slowest account %.1f s)".formatted(floorSeconds,
						seconds(floor.config()), seconds(floor.organizations()), seconds(floor.slowestAccount())));
		row(text, "wall time / floor", "%.2f".formatted(seconds(job.wall()) / floorSeconds));
		row(text, "naive script (estimated)",
				"%.0f s (%.1f h): measured %.1f s on %d accounts, modelled %.1f s there".formatted(naiveFull,
						naiveFull / 3600, seconds(naiveMeasured), options.naiveAccounts(), seconds(naiveSampleModel)));
		row(text, "naive / this job", "%.0f×".formatted(naiveFull / seconds(job.wall())));
		row(text, "API calls", job.apiCalls());
		row(text, "CloudTrail calls over ceil(events/50)+1",
				cloudTrail.isEmpty() ? "none" : String.join("; ", cloudTrail));
		row(text, "CloudTrail requests throttled", String.valueOf(throttled));
		row(text, "CPU time of the job", "%.1f s (2 cores shared with the simulated AWS)".formatted(job.cpuSeconds()));
		row(text, "peak RSS", "%,d MB".formatted(job.peakRssKb() / 1024));
		row(text, "peak heap in use (GC log)", "%,d MB".formatted(job.peakHeapMb()));
		job.steps().forEach((step, secondsTaken) -> row(text, "step " + step, "%.1f s".formatted(secondsTaken)));
		return text.toString();
	}

	private static void row(StringBuilder text, String name, String value) {
		text.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

}
