package io.iamuseraudit.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** What a killed run leaves behind, and what of it the next run of the date deletes. */
class ReportFilesTests {

	@TempDir
	Path dir;

	@Test
	void deletesOnlyTheTemporaryFilesOfItsOwnDate() throws Exception {
		ReportFiles files = new ReportFiles(this.dir, LocalDate.of(2026, 11, 24));
		Path parts = ReportFiles.partsFolder(files.pdf());
		Files.writeString(parts.resolve("1.pdf"), "part");
		Path partialCsv = Files.writeString(this.dir.resolve(".iam-user-audit-2026-11-24.csv.1234.partial"), "half");
		Path partialEvidence = Files
			.writeString(this.dir.resolve(".iam-user-audit-2026-11-24-users.jsonl.gz.5678.partial"), "half");
		Path csv = Files.writeString(files.csv(), "account_id\r\n");
		Path otherDate = Files.writeString(this.dir.resolve(".iam-user-audit-2026-11-10.csv.9.partial"), "half");
		Path unrelated = Files.writeString(this.dir.resolve(".notes.partial"), "mine");

		assertThat(files.deleteLeftovers()).isEqualTo(3);

		assertThat(parts).doesNotExist();
		assertThat(partialCsv).doesNotExist();
		assertThat(partialEvidence).doesNotExist();
		assertThat(csv).exists();
		assertThat(otherDate).exists();
		assertThat(unrelated).exists();
	}

}
