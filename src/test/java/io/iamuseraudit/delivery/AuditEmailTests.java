package io.iamuseraudit.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@link AuditEmail} decides between attachments and links: by the message's size as
 * sent.
 */
class AuditEmailTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final List<String> LINKS = List.of("s3://evidence/r.pdf", "s3://evidence/r.csv");

	@TempDir
	Path dir;

	private List<Path> reports;

	@BeforeEach
	void writeReports() throws IOException {
		byte[] pdf = new byte[150 * 1024];
		new Random(1).nextBytes(pdf);
		this.reports = List.of(Files.write(this.dir.resolve("r.pdf"), pdf),
				Files.writeString(this.dir.resolve("r.csv"), "account,user\r\n111122223333,alice\r\n"));
	}

	@Test
	void measuresEncodedMessageNotFileSizes() throws Exception {
		long fileBytes = Files.size(this.reports.get(0)) + Files.size(this.reports.get(1));
		DataSize limit = DataSize.ofKilobytes(180);
		assertThat(fileBytes).isLessThan(limit.toBytes());

		MimeMessage message = email(limit).compose(Summaries.withMarkupInNames(REPORT_DATE), this.reports, LINKS);

		ReceivedEmail received = ReceivedEmail.afterSending(message);
		assertThat(received.attachments()).isEmpty();
		assertThat(received.text()).contains("too large to attach", "s3://evidence/r.pdf", "s3://evidence/r.csv");
	}

	@Test
	void attachesReportsWhenEncodedMessageFits() throws Exception {
		DataSize limit = DataSize.ofKilobytes(250);

		MimeMessage message = email(limit).compose(Summaries.withMarkupInNames(REPORT_DATE), this.reports, LINKS);

		assertThat(AuditEmail.encodedSize(message)).isLessThanOrEqualTo(limit.toBytes());
		ReceivedEmail received = ReceivedEmail.afterSending(message);
		assertThat(received.attachments()).containsOnlyKeys("r.pdf", "r.csv");
		assertThat(received.text()).doesNotContain("s3://");
	}

	@Test
	void attachesFilesByteForByte() throws Exception {
		Path csv = Files.writeString(this.dir.resolve("lf.csv"), "bare\nline\nfeeds\n" + "x".repeat(2000) + "\n");

		MimeMessage message = email(DataSize.ofMegabytes(40)).compose(Summaries.withMarkupInNames(REPORT_DATE),
				List.of(csv), List.of("s3://evidence/lf.csv"));

		assertThat(ReceivedEmail.afterSending(message).attachments().get("lf.csv")).isEqualTo(Files.readAllBytes(csv));
	}

	private static AuditEmail email(DataSize maxMessageBytes) {
		return new AuditEmail(new EmailProperties("audit@example.com", List.of("cto@example.com"), List.of(),
				maxMessageBytes, false, List.of(), null));
	}

}
