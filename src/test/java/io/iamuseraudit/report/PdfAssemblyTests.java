package io.iamuseraudit.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.Paragraph;
import com.lowagie.text.pdf.PdfReader;
import com.lowagie.text.pdf.PdfWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PdfAssemblyTests {

	@TempDir
	Path dir;

	@Test
	void assemblesPartsIntoOneDocument() throws IOException {
		Path report = this.dir.resolve("report.pdf");

		PdfAssembly.assemble(List.of(part("0.pdf", 1), part("1.pdf", 2)), report, "title", "subject", "creator");

		PdfReader reader = new PdfReader(report.toString());
		try {
			assertThat(reader.getNumberOfPages()).isEqualTo(3);
		}
		finally {
			reader.close();
		}
		assertThat(this.dir.toFile().list()).containsExactlyInAnyOrder("0.pdf", "1.pdf", "report.pdf");
	}

	@Test
	void refusesAPartWithOtherPagesThanRendered() throws IOException {
		Path report = this.dir.resolve("report.pdf");
		PdfAssembly.Part part = part("0.pdf", 2);

		assertThatIllegalStateException()
			.isThrownBy(() -> PdfAssembly.assemble(List.of(new PdfAssembly.Part(part.file(), 3)), report, "title",
					"subject", "creator"))
			.withMessage("0.pdf has 2 pages, not 3 as rendered");
		assertThat(report).doesNotExist();
	}

	@Test
	void failureLeavesTheReportAsItWas() throws IOException {
		Path report = Files.writeString(this.dir.resolve("report.pdf"), "the previous attempt's report");
		PdfAssembly.Part damaged = new PdfAssembly.Part(
				Files.writeString(this.dir.resolve("1.pdf"), "%PDF-1.4 cut short"), 1);

		assertThatException().isThrownBy(
				() -> PdfAssembly.assemble(List.of(part("0.pdf", 1), damaged), report, "title", "subject", "creator"));

		assertThat(report).hasContent("the previous attempt's report");
		assertThat(this.dir.toFile().list()).containsExactlyInAnyOrder("0.pdf", "1.pdf", "report.pdf");
	}

	private PdfAssembly.Part part(String name, int pages) throws IOException {
		Path file = this.dir.resolve(name);
		try (OutputStream out = Files.newOutputStream(file)) {
			Document document = new Document();
			PdfWriter.getInstance(document, out);
			document.open();
			for (int i = 0; i < pages; i++) {
				document.newPage();
				document.add(new Paragraph(name + " page " + (i + 1)));
			}
			document.close();
		}
		return new PdfAssembly.Part(file, pages);
	}

}
