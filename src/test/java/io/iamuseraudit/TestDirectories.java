package io.iamuseraudit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * Temporary folders for tests whose Spring context needs the path before JUnit's
 * {@code @TempDir} is injected (per-class test instances, dynamic properties).
 */
public final class TestDirectories {

	private TestDirectories() {
	}

	public static Path create(String name) {
		try {
			return Files.createTempDirectory("iam-user-audit-" + name + "-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Puts an audit's history database and output folder in the directory. */
	public static void useFor(DynamicPropertyRegistry registry, Path directory) {
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + directory.resolve("db/audit"));
		registry.add("audit.output-dir", () -> directory.resolve("out").toString());
	}

	public static void delete(Path directory) {
		try {
			makeWritable(directory);
			FileSystemUtils.deleteRecursively(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The local archive makes its files read-only. */
	private static void makeWritable(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (var files = Files.walk(directory)) {
				files.forEach(file -> file.toFile().setWritable(true));
			}
		}
	}

}
