package io.iamuseraudit.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The local archive keeps the same promises as the S3 one: listed bytes only, never
 * overwritten.
 */
class LocalReportArchiveTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String KEY = "iam-user-audit/2026/11/24/2026-11-24/report.pdf";

	@TempDir
	Path dir;

	@Test
	void recognisesIdenticalFileAlreadyArchived() throws IOException {
		Path pdf = Files.writeString(this.dir.resolve("report.pdf"), "the report");
		LocalReportArchive archive = new LocalReportArchive(this.dir.resolve("archive"));
		archive.store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

		ArchivedObject again = archive.store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

		assertThat(again.alreadyPresent()).isTrue();
	}

	@Test
	void deletesWhatAKilledArchivingOfTheFileLeftBehind() throws IOException {
		Path pdf = Files.writeString(this.dir.resolve("report.pdf"), "the report");
		Path folder = Files.createDirectories(this.dir.resolve("archive").resolve(KEY).getParent());
		Path leftover = Files.writeString(folder.resolve(".report.pdf.1234.partial"), "the rep");
		Path otherFiles = Files.writeString(folder.resolve(".report.csv.1234.partial"), "account");

		new LocalReportArchive(this.dir.resolve("archive")).store(REPORT_DATE, KEY, pdf, Sha256.of(pdf));

		assertThat(leftover).doesNotExist();
		assertThat(otherFiles).exists();
		assertThat(folder.resolve("report.pdf")).hasContent("the report");
	}

	@Test
	void refusesToReplaceDifferentFile() throws IOException {
		Path first = Files.writeString(this.dir.resolve("first.pdf"), "the report");
		Path second = Files.writeString(this.dir.resolve("second.pdf"), "another report");
		LocalReportArchive archive = new LocalReportArchive(this.dir.resolve("archive"));
		archive.store(REPORT_DATE, KEY, first, Sha256.of(first));

		assertThatExceptionOfType(EvidenceConflictException.class)
			.isThrownBy(() -> archive.store(REPORT_DATE, KEY, second, Sha256.of(second)));
		assertThat(this.dir.resolve("archive").resolve(KEY)).hasContent("the report");
	}

	@Test
	void refusesFileThatChangedSinceItWasHashed() throws IOException {
		Path pdf = Files.writeString(this.dir.resolve("report.pdf"), "the report");
		String listed = Sha256.of(pdf);
		Files.writeString(pdf, "the report, changed");
		LocalReportArchive archive = new LocalReportArchive(this.dir.resolve("archive"));

		assertThatExceptionOfType(DeliveryException.class)
			.isThrownBy(() -> archive.store(REPORT_DATE, KEY, pdf, listed))
			.withMessageContaining("changed after it was rendered");
		assertThat(this.dir.resolve("archive").resolve(KEY)).doesNotExist();
		assertThat(this.dir.resolve("archive").resolve(KEY).getParent()).isEmptyDirectory();
	}

}
