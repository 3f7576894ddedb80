package io.iamuseraudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AtomicFilesTests {

	@TempDir
	Path dir;

	@Test
	void replacesFileWithCompleteContent() throws IOException {
		Path file = Files.writeString(this.dir.resolve("manifest.json"), "old");

		AtomicFiles.write(file, (partial) -> Files.writeString(partial, "new"));

		assertThat(file).hasContent("new");
		assertThat(this.dir.toFile().list()).containsExactly("manifest.json");
	}

	@Test
	void failedWriteLeavesFileAsItWasAndNoPartialFile() throws IOException {
		Path file = Files.writeString(this.dir.resolve("manifest.json"), "old");

		assertThatIOException().isThrownBy(() -> AtomicFiles.write(file, (partial) -> {
			Files.writeString(partial, "half");
			throw new IOException("No space left on device");
		}));

		assertThat(file).hasContent("old");
		assertThat(this.dir.toFile().list()).containsExactly("manifest.json");
	}

}
