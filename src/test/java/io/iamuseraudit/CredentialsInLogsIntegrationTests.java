package io.iamuseraudit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganizationGenerator;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials never reach a log or a file: the packaged jar runs with recognisable fake
 * secrets (the job's secret key and session token in its environment, and the member
 * account sessions STS issues, whose secrets and tokens start with
 * {@link FakeAws#STS_SECRET_PREFIX} and {@link FakeAws#STS_TOKEN_PREFIX}), logging at
 * DEBUG for the audit and for the SDK's requests, to the console and a log file, with a
 * denied account and throttled calls so that errors and retries are logged too. Then
 * everything it printed and every file it wrote (reports, evidence, manifest, archive,
 * email, log, history database) is searched for them.
 */
class CredentialsInLogsIntegrationTests {

	private static final String SECRET = "FAKESECRET-admin-" + UUID.randomUUID();

	private static final String TOKEN = "FAKETOKEN-admin-" + UUID.randomUUID();

	private static final LocalDate REPORT_DATE = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	private static final FakeOrganization organization = organization();

	@RegisterExtension
	static final FakeAws aws = new FakeAws(organization);

	@TempDir
	Path dir;

	@BeforeAll
	static void jarIsBuilt() {
		assertThat(JarRun.JAR).as("run by 'mvnw verify', after packaging").exists();
	}

	@Test
	void noSecretKeyOrSessionTokenInAnythingTheRunPrintsOrWrites() throws Exception {
		aws.failRandomly(0.05, 3);
		Path work = this.dir.resolve("work");

		JarRun run = JarRun.start(work,
				Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_ACCESS_KEY_ID", FakeAws.ADMIN_ACCESS_KEY,
						"AWS_SECRET_ACCESS_KEY", SECRET, "AWS_SESSION_TOKEN", TOKEN, "AWS_REGION", "us-east-1"),
				"reportDate=" + REPORT_DATE, "--audit.source=aws",
				"--audit.aws.config.aggregator-name=" + organization.aggregatorName(),
				"--logging.level.io.iamuseraudit=debug", "--logging.level.software.amazon.awssdk.request=debug",
				"--logging.file.name=logs/audit.log");

		assertThat(run.exitCode(Duration.ofMinutes(2))).as(run.output()).isEqualTo(3);
		assertThat(aws.calls(call -> call.accountId() != null
				&& !call.accountId().equals(FakeOrganization.ADMIN_ACCOUNT) && call.succeeded()))
			.as("member account sessions were issued and used")
			.isNotEmpty();
		String console = run.output();
		assertThat(console).as("DEBUG of the SDK's requests was on").contains("Sending Request");
		List<String> texts = new ArrayList<>(List.of(console));
		List<String> files = new ArrayList<>();
		try (Stream<Path> written = Files.walk(work)) {
			for (Path file : written.filter(Files::isRegularFile).toList()) {
				files.add(work.relativize(file).toString());
				texts.add(readable(file));
			}
		}
		assertThat(files).as("files the run wrote")
			.contains("logs/audit.log", "out/iam-user-audit-" + REPORT_DATE + ".csv",
					"out/iam-user-audit-" + REPORT_DATE + ".pdf",
					"out/iam-user-audit-" + REPORT_DATE + "-users.jsonl.gz",
					"out/iam-user-audit-" + REPORT_DATE + "-manifest.json", "data/iam-user-audit.mv.db")
			.anyMatch(file -> file.startsWith("out/outbox/") && file.endsWith(".eml"))
			.anyMatch(file -> file.startsWith("out/archive/") && file.endsWith("manifest.json"));
		for (String text : texts) {
			assertThat(text).doesNotContain(SECRET, TOKEN, FakeAws.STS_SECRET_PREFIX, FakeAws.STS_TOKEN_PREFIX);
		}
	}

	/** A file's text: PDFs as PDFBox reads them, emails with every part decoded. */
	private static String readable(Path file) throws Exception {
		String name = file.getFileName().toString();
		if (name.endsWith(".pdf")) {
			return AuditFiles.pdfText(file);
		}
		if (name.endsWith(".gz")) {
			try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		if (name.endsWith(".eml")) {
			MimeMessage email = AuditFiles.email(file);
			StringBuilder text = new StringBuilder(AuditFiles.text(email, "text/plain"))
				.append(AuditFiles.text(email, "text/html"));
			AuditFiles.attachments(email)
				.values()
				.forEach(bytes -> text.append(new String(bytes, StandardCharsets.ISO_8859_1)));
			return text.append(Files.readString(file, StandardCharsets.ISO_8859_1)).toString();
		}
		return bytes(file);
	}

	private static String bytes(Path file) throws IOException {
		return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
	}

	private static FakeOrganization organization() {
		FakeOrganization organization = new FakeOrganizationGenerator(5, Instant.now()).generate(6, 150);
		organization.accounts().forEach(account -> account.role(FakeAccount.Role.ASSUMABLE));
		organization.accounts().get(0).role(FakeAccount.Role.DENIED);
		return organization;
	}

}
