package io.iamuseraudit.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Comparison;
import io.iamuseraudit.inventory.IamUser;
import net.sf.jasperreports.engine.JRException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A part that fails stops the rendering: no further part is read or started, and the
 * parts already being rendered finish, uninterrupted, before their folder is deleted.
 */
class PdfReportTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final int ACCOUNTS = 10;

	@TempDir
	Path dir;

	@Test
	void failedPartStopsRenderingAndRunningPartsFinishBeforeTheirFolderIsDeleted() throws IOException {
		Set<String> started = ConcurrentHashMap.newKeySet();
		CountDownLatch secondStarted = new CountDownLatch(1);
		AtomicBoolean secondInterrupted = new AtomicBoolean();
		AtomicBoolean secondWritten = new AtomicBoolean();
		PdfReport.PartRenderer renderer = (template, parameters, rows, file) -> {
			String name = file.getFileName().toString();
			started.add(name);
			if (name.equals("1.pdf")) {
				assertThat(secondStarted.await(10, TimeUnit.SECONDS)).isTrue();
				throw new JRException("Font 'DejaVu Sans' is not available to the JVM");
			}
			if (name.equals("2.pdf")) {
				secondStarted.countDown();
				try {
					// Still rendering when the failure is seen.
					Thread.sleep(1000);
				}
				catch (InterruptedException ex) {
					secondInterrupted.set(true);
				}
				Files.writeString(file, name);
				secondWritten.set(true);
				return new PdfAssembly.Part(file, 1);
			}
			return new PdfAssembly.Part(Files.writeString(file, name), 1);
		};
		AtomicInteger usersRead = new AtomicInteger();
		Path pdf = this.dir.resolve("iam-user-audit-2026-11-24.pdf");

		assertThatIllegalStateException().isThrownBy(() -> {
			try (PdfReport.Pages pages = new PdfReport("test", 2, renderer).open(pdf, run())) {
				users().peek((user) -> usersRead.incrementAndGet()).forEach(pages);
				pages.finish(summary());
			}
		}).withMessageContaining("Font 'DejaVu Sans' is not available");

		assertThat(started).as("no part after the failure, nor the cover").containsExactlyInAnyOrder("1.pdf", "2.pdf");
		assertThat(secondInterrupted).isFalse();
		assertThat(secondWritten).isTrue();
		assertThat(usersRead).hasValueLessThanOrEqualTo(5 * PdfReport.CHUNK_USERS);
		assertThat(this.dir).isEmptyDirectory();
	}

	private static AuditRun run() {
		return new AuditRun(REPORT_DATE, "SAMPLE", "sample organization", 1L, AuditRun.RUNNING, null, null, null, null,
				null, null, null, null);
	}

	private static ReportSummary summary() {
		return new ReportSummary(REPORT_DATE, "sample organization", true, null, ACCOUNTS * PdfReport.CHUNK_USERS,
				ACCOUNTS, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
				List.of(), List.of(), List.of(), List.of(), List.of());
	}

	/** Accounts of one chunk each. */
	private static Stream<AuditedUser> users() {
		return IntStream.range(0, ACCOUNTS)
			.boxed()
			.flatMap((account) -> IntStream.range(0, PdfReport.CHUNK_USERS).mapToObj((i) -> user(account, i)));
	}

	private static AuditedUser user(int account, int i) {
		String accountId = "%012d".formatted(account);
		String name = "user-" + i;
		IamUser user = new IamUser(accountId, "AIDA" + account + "X" + i, name,
				"arn:aws:iam::" + accountId + ":user/" + name, "/", Instant.parse("2026-01-05T10:00:00Z"), List.of(),
				List.of(), List.of(), List.of(), List.of("eu-west-1"));
		return new AuditedUser(user, "account-" + account, Owner.NONE, Creator.unknown("not in tests"),
				UserActivity.unknown(ActivityStatus.UNAVAILABLE), List.of(), Comparison.NONE, List.of());
	}

}
