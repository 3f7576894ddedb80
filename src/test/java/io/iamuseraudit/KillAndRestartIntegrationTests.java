package io.iamuseraudit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganizationGenerator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar killed hard (SIGKILL: no shutdown hook, no rollback) in the middle of
 * enrichment, against a local AWS slow enough that enrichment takes several seconds, then
 * run again with the same command: it recovers the execution the dead process left
 * STARTED in the H2 history (which it opens without error), resumes with the accounts not
 * enriched yet, completes (exit code 0), and its CSV is the CSV of an uninterrupted run:
 * every user once.
 */
class KillAndRestartIntegrationTests {

	private static final LocalDate REPORT_DATE = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	private static final int ACCOUNTS = 24;

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
	void aRunKilledDuringEnrichmentResumesWithoutLosingOrDuplicatingUsers() throws Exception {
		aws.latency(Duration.ofMillis(100));
		Path killedDir = this.dir.resolve("killed");
		JarRun killed = JarRun.start(killedDir, environment(), arguments());
		awaitAccountsEnriched(killed, 6);

		killed.kill();

		assertThat(killed.output()).contains("Executing step: [enrichUsers]")
			.doesNotContain("Step: [enrichUsers] executed");
		int enrichedBeforeKill = accountsAsked();
		assertThat(enrichedBeforeKill).isLessThan(ACCOUNTS);
		aws.clearCalls();

		JarRun restarted = JarRun.start(killedDir, environment(), arguments());

		assertThat(restarted.exitCode(Duration.ofMinutes(3))).as(restarted.output()).isZero();
		assertThat(restarted.output())
			.contains("The audit of " + REPORT_DATE + " was left STARTED by a process that is gone (killed?); "
					+ "recovering it to restart")
			.contains("Restarting the audit of " + REPORT_DATE)
			.doesNotContain("Executing step: [collectUsers]")
			.contains("Executing step: [enrichUsers]");
		assertThat(accountsAsked()).as("accounts enriched after the restart").isLessThan(ACCOUNTS);
		aws.clearCalls();

		JarRun uninterrupted = JarRun.start(this.dir.resolve("uninterrupted"), environment(), arguments());

		assertThat(uninterrupted.exitCode(Duration.ofMinutes(3))).as(uninterrupted.output()).isZero();
		List<CSVRecord> resumed = AuditFiles.csv(killedDir.resolve("out/iam-user-audit-" + REPORT_DATE + ".csv"));
		List<CSVRecord> whole = AuditFiles
			.csv(this.dir.resolve("uninterrupted/out/iam-user-audit-" + REPORT_DATE + ".csv"));
		assertThat(resumed.stream().map(row -> row.get("account_id") + "/" + row.get("user_id"))).as("every user once")
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrderElementsOf(
					organization.users().stream().map(user -> user.accountId() + "/" + user.userId()).toList());
		assertThat(cells(resumed)).isEqualTo(cells(whole));
	}

	/** Waits until the run has read the credential report of that many accounts. */
	private static void awaitAccountsEnriched(JarRun run, int accounts) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(120);
		while (accountsAsked() < accounts) {
			assertThat(run.isAlive()).as(run.output()).isTrue();
			assertThat(Instant.now()).as("enrichment reached " + accounts + " accounts in time").isBefore(deadline);
			Thread.sleep(50);
		}
	}

	/** Accounts whose credential report was read. */
	private static int accountsAsked() {
		Set<String> accounts = aws.calls("GetCredentialReport")
			.stream()
			.filter(FakeCall::succeeded)
			.map(FakeCall::accountId)
			.collect(Collectors.toSet());
		return accounts.size();
	}

	private static List<List<String>> cells(List<CSVRecord> records) {
		List<List<String>> rows = new ArrayList<>();
		records.forEach(record -> rows.add(record.toList()));
		return rows;
	}

	private static Map<String, String> environment() {
		return Map.of("AWS_ENDPOINT_URL", aws.endpoint().toString(), "AWS_ACCESS_KEY_ID", FakeAws.ADMIN_ACCESS_KEY,
				"AWS_SECRET_ACCESS_KEY", FakeAws.ADMIN_SECRET_KEY, "AWS_REGION", "us-east-1");
	}

	private static String[] arguments() {
		return Stream
			.of("reportDate=" + REPORT_DATE, "--audit.source=aws",
					"--audit.aws.config.aggregator-name=" + organization.aggregatorName(),
					"--audit.enrichment.concurrency=2")
			.toArray(String[]::new);
	}

	private static FakeOrganization organization() {
		FakeOrganization organization = new FakeOrganizationGenerator(11, Instant.now()).generate(ACCOUNTS, 600);
		organization.accounts().forEach(account -> account.role(FakeAccount.Role.ASSUMABLE));
		return organization;
	}

}
