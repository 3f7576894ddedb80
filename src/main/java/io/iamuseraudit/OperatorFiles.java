package io.iamuseraudit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Finds the files an operator edits under {@code jobs/} (the query, the sample
 * organization). A relative path is looked up in the working directory first and falls
 * back to the copy bundled in the jar at build time; {@code file:} and {@code classpath:}
 * locations are taken as they are.
 */
public final class OperatorFiles {

	private OperatorFiles() {
	}

	public static Resource locate(String location) {
		if (location.startsWith("classpath:") || location.startsWith("file:")) {
			return new DefaultResourceLoader().getResource(location);
		}
		Path path = Path.of(location);
		if (path.isAbsolute() || Files.exists(path)) {
			return new FileSystemResource(path);
		}
		return new ClassPathResource(location);
	}

	public static String read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource.getDescription(), ex);
		}
	}

}
