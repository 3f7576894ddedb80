package io.iamuseraudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar run as cron runs it: a child JVM in a working directory of its own,
 * with its environment and arguments, its console output in a file. Started by tests that
 * kill it or read everything it printed.
 */
public final class JarRun {

	public static final Path JAR = Path.of("target/iam-user-audit.jar").toAbsolutePath();

	private final Process process;

	private final Path output;

	private JarRun(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Starts the jar in the directory (created if need be); its output goes to
	 * {@code <directory>.log} beside it.
	 */
	public static JarRun start(Path directory, Map<String, String> environment, String... arguments) {
		List<String> command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar", JAR.toString()));
		command.addAll(List.of(arguments));
		try {
			Files.createDirectories(directory);
			Path output = directory.resolveSibling(directory.getFileName() + "-" + System.nanoTime() + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(output.toFile());
			builder.environment().putAll(environment);
			return new JarRun(builder.start(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Waits for the run to end; returns its exit code. */
	public int exitCode(Duration timeout) throws InterruptedException {
		assertThat(this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)).as("finished in time: " + output())
			.isTrue();
		return this.process.exitValue();
	}

	/** Kills the JVM as SIGKILL does: no shutdown hook, no finally block runs. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	/** Everything printed so far. */
	public String output() {
		try {
			return Files.readString(this.output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
