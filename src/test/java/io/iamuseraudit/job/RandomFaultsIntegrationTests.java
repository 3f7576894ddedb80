package io.iamuseraudit.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.IamUserAuditApplication;
import io.iamuseraudit.TestDirectories;
import io.iamuseraudit.delivery.FakeSes;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeOrgTrail;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganizationGenerator;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random 5xx and throttling errors on every AWS service the audit calls, through the
 * SDK's own HTTP stack: Config, Organizations, STS, CloudTrail and IAM (the fake AWS), S3
 * (the organization trail and the evidence archive, S3Proxy) and SES v2. Every
 * operation's first call fails, then a seeded 5 % of the calls (more for the few calls of
 * the archive and the email). The run completes, and its CSV is the CSV of a run without
 * faults, row for row and cell for cell.
 */
class RandomFaultsIntegrationTests {

	private static final LocalDate REPORT_DATE = LocalDate.now(ZoneOffset.UTC).minusDays(1);

	private static final List<String> OPERATIONS = List.of("SelectAggregateResourceConfig",
			"DescribeConfigurationAggregatorSourcesStatus", "ListAccounts", "AssumeRole", "LookupEvents",
			"GenerateCredentialReport", "GetCredentialReport");

	private static final FakeOrganization organization = new FakeOrganizationGenerator(2026, Instant.now()).generate(30,
			1_500);

	@RegisterExtension
	static final FakeAws aws = new FakeAws(organization);

	private static FakeOrgTrail s3;

	private static FakeSes ses;

	private static Path dir;

	@BeforeAll
	static void startS3AndSes() throws IOException {
		dir = TestDirectories.create("random-faults");
		s3 = new FakeOrgTrail().start();
		s3.write("org-trail", "", organization);
		s3.s3().createBucket(bucket -> bucket.bucket("evidence"));
		ses = FakeSes.start();
		ses.redirectSdk();
	}

	@AfterAll
	static void stop() {
		ses.close();
		s3.close();
		TestDirectories.delete(dir);
	}

	@Test
	void completesWithTheSameCsvAsARunWithoutFaults() throws IOException {
		OPERATIONS.forEach(operation -> aws.failNext(operation, 1, 503, "ServiceUnavailable"));
		aws.failRandomly(0.05, 7);
		s3.faults().failNext(1, 503, "SlowDown");
		s3.faults().failRandomly(0.05, 11);
		s3.faults().failRandomly("evidence", 0.3, 13);
		ses.failRandomly(0.5, 31337);

		int faultyExit = run("faulty");

		Map<String, Integer> injected = new TreeMap<>(aws.injectedFaults());
		s3.faults().injected().forEach((bucket, count) -> injected.put("S3 " + bucket, count));
		int sesRequests = ses.requests().size();
		injected.put("SES", sesRequests - ses.sent().size());
		aws.reset();
		s3.faults().clear();
		ses.failRandomly(0, 0);

		int cleanExit = run("clean");

		assertThat(injected).as("faults injected into each service")
			.containsKeys(OPERATIONS.toArray(String[]::new))
			.containsKeys("S3 org-trail", "S3 evidence")
			.allSatisfy((where, count) -> assertThat(count).as(where).isPositive());
		assertThat(faultyExit).isEqualTo(cleanExit).isIn(0, 3);
		List<CSVRecord> faulty = AuditFiles.csv(dir.resolve("faulty/out/iam-user-audit-" + REPORT_DATE + ".csv"));
		List<CSVRecord> clean = AuditFiles.csv(dir.resolve("clean/out/iam-user-audit-" + REPORT_DATE + ".csv"));
		assertThat(clean).hasSize(organization.users().size());
		assertThat(cells(faulty)).isEqualTo(cells(clean));
		assertThat(archived("faulty/")).as("each report archived once, despite the retries").hasSize(4);
		assertThat(ses.sent()).as("one email per run, despite the retries").hasSize(2);
	}

	private static List<List<String>> cells(List<CSVRecord> records) {
		List<List<String>> rows = new ArrayList<>();
		records.forEach(record -> rows.add(record.toList()));
		return rows;
	}

	private static List<String> archived(String prefix) {
		return s3.s3()
			.listObjectsV2Paginator(request -> request.bucket("evidence").prefix(prefix))
			.contents()
			.stream()
			.map(object -> object.key())
			.toList();
	}

	private static int run(String name) {
		Path runDir = dir.resolve(name);
		String[] arguments = Stream
			.of("reportDate=" + REPORT_DATE, "--spring.datasource.url=jdbc:h2:file:" + runDir.resolve("db/audit"),
					"--audit.output-dir=" + runDir.resolve("out"), "--audit.source=aws",
					"--audit.aws.config.aggregator-name=" + organization.aggregatorName(),
					"--audit.aws.cloudtrail.org-trail-bucket=org-trail",
					"--audit.aws.cloudtrail.organization-id=" + FakeOrganization.ORGANIZATION_ID,
					"--audit.archive.bucket=evidence", "--audit.archive.prefix=" + name + "/",
					"--audit.archive.kms-key-id=alias/iam-user-audit", "--audit.email.from=audit@example.com",
					"--audit.email.to=cto@example.com")
			.toArray(String[]::new);
		return SpringApplication.exit(IamUserAuditApplication.application().run(arguments));
	}

}
