package io.iamuseraudit.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the benchmark runs: the synthetic organization, the simulated AWS, the job's JVM.
 *
 * @param recentFraction share of users created inside CloudTrail's 90 days
 * @param latency added to every call of the simulated Config, Organizations, STS,
 * CloudTrail and IAM
 * @param reportGeneration how long IAM takes to generate a credential report
 * @param configRate SelectAggregateResourceConfig requests per second (0: unlimited)
 * @param heap the job's {@code -Xmx}
 * @param naiveAccounts accounts the naive script is measured on (then extrapolated)
 * @param jobArguments extra {@code --audit.*} arguments for the job
 * @param jvmOptions options for the job's JVM: those {@code cron/run-audit.sh} gives by
 * default (bar {@code -Xmx}), then any {@code --jvm} (a profiler, say; a later option
 * wins)
 */
record BenchmarkOptions(long seed, int accounts, int users, double recentFraction, Duration latency,
		Duration reportGeneration, int configRate, String heap, int naiveAccounts, List<String> jobArguments,
		List<String> jvmOptions) {

	/** What {@code cron/run-audit.sh} runs the job with, besides its {@code -Xmx}. */
	static final List<String> CRON_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	static BenchmarkOptions parse(String[] args) {
		long seed = 42;
		int accounts = 1_000;
		int users = 50_000;
		double recent = 0.05;
		Duration latency = Duration.ofMillis(30);
		Duration reportGeneration = Duration.ofSeconds(2);
		int configRate = 0;
		String heap = "512m";
		int naiveAccounts = 5;
		List<String> jobArguments = new ArrayList<>();
		List<String> jvmOptions = new ArrayList<>(CRON_JVM_OPTIONS);
		for (int i = 0; i < args.length; i++) {
			String value = (i + 1 < args.length) ? args[i + 1] : "";
			switch (args[i]) {
				case "--seed" -> seed = Long.parseLong(value);
				case "--accounts" -> accounts = Integer.parseInt(value);
				case "--users" -> users = Integer.parseInt(value);
				case "--recent" -> recent = Double.parseDouble(value);
				case "--latency-ms" -> latency = Duration.ofMillis(Long.parseLong(value));
				case "--report-generation-ms" -> reportGeneration = Duration.ofMillis(Long.parseLong(value));
				case "--config-rate" -> configRate = Integer.parseInt(value);
				case "--xmx" -> heap = value;
				case "--naive-accounts" -> naiveAccounts = Integer.parseInt(value);
				case "--job" -> jobArguments.add(value);
				case "--jvm" -> jvmOptions.add(value);
				default -> throw new IllegalArgumentException("Unknown option " + args[i] + "\n" + USAGE);
			}
			i++;
		}
		return new BenchmarkOptions(seed, accounts, users, recent, latency, reportGeneration, configRate, heap,
				naiveAccounts, List.copyOf(jobArguments), List.copyOf(jvmOptions));
	}

	static final String USAGE = """
			options: --accounts N (1000) --users N (50000) --recent F (0.05) --latency-ms N (30)
			         --report-generation-ms N (2000) --config-rate N (0: unlimited) --xmx SIZE (512m)
			         --naive-accounts N (5) --seed N (42) --job --audit.x=y --jvm -XX:... (both repeatable)""";

}
