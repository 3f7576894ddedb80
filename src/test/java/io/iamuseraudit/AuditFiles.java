package io.iamuseraudit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads back what an audit produced: the CSV, the PDF's text, the email. */
public final class AuditFiles {

	private AuditFiles() {
	}

	public static List<CSVRecord> csv(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader,
						CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return parser.getRecords();
		}
	}

	public static List<String> csvHeader(Path file) throws IOException {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				CSVParser parser = CSVParser.parse(reader,
						CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
			return parser.getHeaderNames();
		}
	}

	public static String pdfText(Path file) throws IOException {
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			return new PDFTextStripper().getText(document);
		}
	}

	public static int pdfPages(Path file) throws IOException {
		try (PDDocument document = Loader.loadPDF(file.toFile())) {
			return document.getNumberOfPages();
		}
	}

	public static MimeMessage email(Path file) throws IOException, MessagingException {
		try (InputStream in = Files.newInputStream(file)) {
			return new MimeMessage(Session.getInstance(new Properties()), in);
		}
	}

	/** The attachments of a message: file name to bytes. */
	public static Map<String, byte[]> attachments(MimeMessage message) throws IOException, MessagingException {
		List<Map.Entry<String, byte[]>> found = new ArrayList<>();
		collect(message, found);
		return Map.ofEntries(found.toArray(Map.Entry[]::new));
	}

	/**
	 * The text of a message's parts of a MIME type ({@code text/html},
	 * {@code text/plain}).
	 */
	public static String text(MimeMessage message, String mimeType) throws IOException, MessagingException {
		StringBuilder text = new StringBuilder();
		collectText(message, mimeType, text);
		return text.toString();
	}

	private static void collect(Part part, List<Map.Entry<String, byte[]>> found)
			throws IOException, MessagingException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), found);
			}
		}
		else if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			try (InputStream in = part.getInputStream()) {
				found.add(Map.entry(part.getFileName(), in.readAllBytes()));
			}
		}
	}

	private static void collectText(Part part, String mimeType, StringBuilder text)
			throws IOException, MessagingException {
		if (part.isMimeType("multipart/*")) {
			Multipart multipart = (Multipart) part.getContent();
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				collectText(child, mimeType, text);
			}
		}
		else if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
			text.append(part.getContent());
		}
	}

}
