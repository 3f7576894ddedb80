package io.iamuseraudit.job;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.delivery.ArchivedObject;
import io.iamuseraudit.delivery.ReportArchive;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failed run tells {@code audit.email.ops-to} which step failed, why, and how to
 * restart.
 */
@SpringBootTest(properties = "audit.email.ops-to=platform-oncall@example.com")
class FailureNoticeIntegrationTests {

	private static final Path directory = TestDirectories.create("failure-notice");

	@Autowired
	private ConfigurableApplicationContext context;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		TestDirectories.useFor(registry, directory);
	}

	@AfterAll
	static void deleteFiles() {
		TestDirectories.delete(directory);
	}

	@Test
	void sendsTheOnCallWhatFailedAndHowToRestart() throws Exception {
		AuditCommandRunner runner = this.context.getAutowireCapableBeanFactory().createBean(AuditCommandRunner.class);

		runner.run(new DefaultApplicationArguments("reportDate=2026-11-24"));

		assertThat(runner.getExitCode()).isEqualTo(1);
		List<Path> outbox;
		try (Stream<Path> files = Files.list(directory.resolve("out/outbox"))) {
			outbox = files.toList();
		}
		assertThat(outbox).hasSize(1);
		MimeMessage notice = AuditFiles.email(outbox.get(0));
		assertThat(notice.getSubject()).isEqualTo("IAM user audit 2026-11-24 FAILED in archiveReports");
		assertThat(notice.getAllRecipients()).extracting(Object::toString)
			.containsExactly("platform-oncall@example.com");
		assertThat(notice.getContent().toString()).contains("bucket unreachable", "same reportDate=2026-11-24",
				"resumes at archiveReports");
	}

	@TestConfiguration
	static class UnreachableArchive {

		@Bean
		@Primary
		ReportArchive unreachableArchive() {
			return new ReportArchive() {

				@Override
				public ArchivedObject store(LocalDate reportDate, String key, Path file, String sha256) {
					throw new IllegalStateException("bucket unreachable");
				}

				@Override
				public String location(String key) {
					return key;
				}

			};
		}

	}

}
