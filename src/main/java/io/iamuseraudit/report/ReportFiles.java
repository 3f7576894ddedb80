package io.iamuseraudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import io.iamuseraudit.AtomicFiles;

import org.springframework.util.FileSystemUtils;

/**
 * The files an audit produces in the output folder, named after the report date.
 *
 * @param directory the output folder ({@code audit.output-dir})
 */
public record ReportFiles(Path directory, LocalDate reportDate) {

	private static final String PARTS_PREFIX = ".parts-";

	public Path csv() {
		return this.directory.resolve(baseName() + ".csv");
	}

	public Path pdf() {
		return this.directory.resolve(baseName() + ".pdf");
	}

	/**
	 * Every audited user with all enrichment, one JSON object per line: the raw evidence.
	 */
	public Path evidence() {
		return this.directory.resolve(baseName() + "-users.jsonl.gz");
	}

	/**
	 * The manifest of what was archived, written when archiving (not one of
	 * {@link #all()}).
	 */
	public Path manifest() {
		return this.directory.resolve(baseName() + "-manifest.json");
	}

	public List<Path> all() {
		return List.of(pdf(), csv(), evidence());
	}

	/**
	 * Deletes what a process killed while writing this audit's files left behind: their
	 * temporary files and PDF part folders. Only one audit of a date runs at a time, so
	 * none of them is in use.
	 * @return how many were deleted
	 */
	public int deleteLeftovers() throws IOException {
		int deleted = 0;
		for (Path file : List.of(pdf(), csv(), evidence(), manifest())) {
			deleted += AtomicFiles.deleteLeftovers(file);
		}
		List<Path> parts;
		try (Stream<Path> entries = Files.list(this.directory)) {
			parts = entries
				.filter((entry) -> entry.getFileName().toString().startsWith(PARTS_PREFIX + pdf().getFileName()))
				.toList();
		}
		for (Path folder : parts) {
			FileSystemUtils.deleteRecursively(folder);
		}
		return deleted + parts.size();
	}

	/** The folder a PDF is rendered in, part by part, before it is assembled. */
	static Path partsFolder(Path pdf) throws IOException {
		return Files.createTempDirectory(pdf.toAbsolutePath().getParent(), PARTS_PREFIX + pdf.getFileName() + ".");
	}

	private String baseName() {
		return "iam-user-audit-" + this.reportDate;
	}

}
