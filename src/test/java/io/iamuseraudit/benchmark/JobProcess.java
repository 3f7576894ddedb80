package io.iamuseraudit.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged job run in a JVM of its own, as cron runs it, with its peak resident
 * memory sampled from {@code /proc} and its peak heap read from its GC log.
 */
final class JobProcess {

	private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

	private static final Pattern STEP = Pattern.compile("^\\s+(\\w+)\\s+COMPLETED\\s+([\\d.]+) s", Pattern.MULTILINE);

	private static final Pattern WROTE = Pattern
		.compile("Wrote \\S+\\.(csv|pdf) \\(([\\d,]+) (rows|bytes)\\) in (\\d+) ms");

	private static final Pattern API_CALLS = Pattern.compile("^AWS API calls: (.*)$", Pattern.MULTILINE);

	private JobProcess() {
	}

	static Result run(Path jar, Path directory, Map<String, String> environment, List<String> arguments, String heap,
			List<String> jvmOptions) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx" + heap, "-Xlog:gc:file=" + directory.resolve("gc.log")));
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString()));
		command.addAll(arguments);
		Path log = directory.resolve("job.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("JAVA_TOOL_OPTIONS");
		builder.environment().putAll(environment);
		long started = System.nanoTime();
		Process process = builder.start();
		long peakRssKb = 0;
		double cpuSeconds = 0;
		while (process.isAlive()) {
			peakRssKb = Math.max(peakRssKb, peakRss(process.pid()));
			cpuSeconds = Math.max(cpuSeconds, cpuSeconds(process.pid()));
			Thread.sleep(100);
		}
		Duration wall = Duration.ofNanos(System.nanoTime() - started);
		String output = Files.readString(log, StandardCharsets.UTF_8);
		return new Result(process.exitValue(), wall, cpuSeconds, peakRssKb, peakHeapMb(directory.resolve("gc.log")),
				steps(output), apiCalls(output), log);
	}

	/** VmHWM: the highest resident set size the process has had so far. */
	private static long peakRss(long pid) {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
				if (line.startsWith("VmHWM:")) {
					return Long.parseLong(line.replaceAll("\\D", ""));
				}
			}
		}
		catch (IOException ex) {
			// The process ended between two samples.
		}
		return 0;
	}

	/**
	 * User and system CPU time so far, from {@code /proc/<pid>/stat} (in clock ticks of
	 * 1/100 s).
	 */
	private static double cpuSeconds(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/** The most heap in use before any collection. */
	private static long peakHeapMb(Path gcLog) throws IOException {
		long peak = 0;
		if (Files.exists(gcLog)) {
			Matcher matcher = GC_HEAP.matcher(Files.readString(gcLog));
			while (matcher.find()) {
				peak = Math.max(peak, Long.parseLong(matcher.group(1)));
			}
		}
		return peak;
	}

	/** Seconds per step, and per report within renderReports. */
	private static Map<String, Double> steps(String output) {
		Map<String, Double> steps = new LinkedHashMap<>();
		Matcher matcher = STEP.matcher(output);
		while (matcher.find()) {
			steps.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
		}
		Matcher wrote = WROTE.matcher(output);
		while (wrote.find()) {
			steps.put(
					"renderReports: " + (wrote.group(1).equals("csv") ? "the scan (CSV, evidence, summary)"
							: "the scan and the PDF's last pages, cover and assembly"),
					Long.parseLong(wrote.group(4)) / 1000.0);
		}
		return steps;
	}

	private static String apiCalls(String output) {
		Matcher matcher = API_CALLS.matcher(output);
		return matcher.find() ? matcher.group(1) : "";
	}

	/**
	 * @param cpuSeconds CPU time the job used (user and system, all threads)
	 * @param peakHeapMb most heap in use before a collection ({@code 0} if the JVM never
	 * collected)
	 * @param steps seconds per step, as the run's summary gives them
	 * @param apiCalls calls per service, as the run's summary gives them
	 */
	record Result(int exitCode, Duration wall, double cpuSeconds, long peakRssKb, long peakHeapMb,
			Map<String, Double> steps, String apiCalls, Path log) {
	}

}
