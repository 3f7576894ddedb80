package io.iamuseraudit.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * The files an audit produces in the output folder, named after the report date.
 *
 * @param directory the output folder ({@code audit.output-dir})
 */
public record ReportFiles(Path directory, LocalDate reportDate) {

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

	public List<Path> all() {
		return List.of(pdf(), csv(), evidence());
	}

	private String baseName() {
		return "iam-user-audit-" + this.reportDate;
	}

}
