package io.iamuseraudit.report;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfCopy;
import com.lowagie.text.pdf.PdfImportedPage;
import com.lowagie.text.pdf.PdfReader;
import io.iamuseraudit.AtomicFiles;

import org.springframework.core.io.ClassPathResource;

/**
 * Puts the parts of a PDF, rendered separately, into one document, and numbers its pages
 * ("Page 3 of 120") in the footer, where the templates leave room. Pages are copied, not
 * rendered again.
 */
final class PdfAssembly {

	/**
	 * Where the templates' footer has room for the page number (points from the bottom
	 * left).
	 */
	private static final float RIGHT = 842 - 28;

	private static final float BASELINE = 27;

	private static final Color MUTED = new Color(0x66, 0x70, 0x85);

	private static final String FONT = "net/sf/jasperreports/fonts/dejavu/DejaVuSans.ttf";

	private PdfAssembly() {
	}

	/**
	 * Writes the parts as one PDF. When that fails, every part read is closed and the
	 * file is left as it was: never half-written.
	 */
	static void assemble(List<Part> parts, Path file, String title, String subject, String creator) {
		try {
			AtomicFiles.write(file, (partial) -> {
				try (OutputStream out = Files.newOutputStream(partial)) {
					copy(parts, out, title, subject, creator);
				}
				catch (DocumentException ex) {
					throw new IllegalStateException("Cannot assemble " + file + ": " + ex.getMessage(), ex);
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void copy(List<Part> parts, OutputStream out, String title, String subject, String creator)
			throws IOException, DocumentException {
		Document document = new Document();
		PdfCopy copy = new PdfCopy(document, out);
		document.addTitle(title);
		document.addSubject(subject);
		document.addCreator(creator);
		document.open();
		BaseFont font = font();
		int total = parts.stream().mapToInt(Part::pages).sum();
		int page = 0;
		for (Part part : parts) {
			PdfReader reader = new PdfReader(part.file().toString());
			try {
				if (reader.getNumberOfPages() != part.pages()) {
					throw new IllegalStateException("%s has %d pages, not %d as rendered"
						.formatted(part.file().getFileName(), reader.getNumberOfPages(), part.pages()));
				}
				for (int i = 1; i <= reader.getNumberOfPages(); i++) {
					PdfImportedPage imported = copy.getImportedPage(reader, i);
					PdfCopy.PageStamp stamp = copy.createPageStamp(imported);
					number(stamp.getOverContent(), font, ++page, total);
					stamp.alterContents();
					copy.addPage(imported);
				}
				copy.freeReader(reader);
			}
			finally {
				reader.close();
			}
		}
		document.close();
	}

	private static void number(PdfContentByte content, BaseFont font, int page, int total) {
		content.beginText();
		content.setFontAndSize(font, 7.5f);
		content.setColorFill(MUTED);
		content.showTextAligned(Element.ALIGN_RIGHT, "Page %d of %d".formatted(page, total), RIGHT, BASELINE, 0);
		content.endText();
	}

	private static BaseFont font() throws IOException, DocumentException {
		try (InputStream in = new ClassPathResource(FONT).getInputStream()) {
			return BaseFont.createFont("DejaVuSans.ttf", BaseFont.IDENTITY_H, BaseFont.EMBEDDED, true,
					in.readAllBytes(), null);
		}
	}

	/** A rendered part and its number of pages, which the page numbers need first. */
	record Part(Path file, int pages) {
	}

}
