package io.iamuseraudit.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import javax.sql.DataSource;

import io.iamuseraudit.TestDatabases;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.AggregatorSources;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.history.AuditWarnings;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.history.RejectedRows;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

class RenderReportsTaskletTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private final JsonMapper json = JsonMapper.builder().build();

	private final DataSource dataSource = TestDatabases.migratedHistory();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final CountedScans users = new CountedScans(this.dataSource, this.json);

	@TempDir
	private Path out;

	@Test
	void writesTheSummaryCsvEvidenceAndPdfInOneScanOfTheUsers() throws Exception {
		AuditRuns runs = new AuditRuns(this.jdbc);
		runs.start(REPORT_DATE, "SAMPLE", "the sample organization", 1);
		this.users.upsert(REPORT_DATE, List.of(user("AIDAALICE", "alice"), user("AIDABOB", "bob")));
		ReportSummaries summaries = new ReportSummaries(this.users, runs, new AccountStatuses(this.jdbc),
				new RejectedRows(this.jdbc), new AuditWarnings(this.jdbc), new AggregatorSources(this.jdbc),
				new DataSourceTransactionManager(this.dataSource));
		RenderReportsTasklet tasklet = new RenderReportsTasklet(runs, summaries, new CsvReport(this.json),
				new PdfReport("test"), new EvidenceFile(this.json), this.out);
		StepExecution step = MetaDataInstanceFactory
			.createStepExecution(new JobParametersBuilder().addLocalDate("reportDate", REPORT_DATE).toJobParameters());

		StepContribution contribution = new StepContribution(step);

		tasklet.execute(contribution, new ChunkContext(new StepContext(step)));

		ReportFiles files = new ReportFiles(this.out, REPORT_DATE);
		assertThat(this.users.scans).isEqualTo(1);
		assertThat(Files.readAllLines(files.csv())).hasSize(3);
		assertThat(evidenceLines(files.evidence())).hasSize(2);
		assertThat(files.pdf()).isNotEmptyFile();
		assertThat(contribution.getWriteCount()).isEqualTo(2);
	}

	private static List<String> evidenceLines(Path file) throws IOException {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
			return reader.lines().toList();
		}
	}

	private static LiveUser user(String userId, String userName) {
		return new LiveUser(new IamUser("104857600123", userId, userName, "arn:aws:iam::104857600123:user/" + userName,
				"/", Instant.parse("2020-01-01T00:00:00Z"), List.of(), List.of(), List.of(), List.of(),
				List.of("us-east-1")), null, List.of());
	}

	/** The history's users, counting how often they are read. */
	static final class CountedScans extends AuditedUsers {

		private int scans;

		CountedScans(DataSource dataSource, JsonMapper json) {
			super(dataSource, json);
		}

		@Override
		public <T> T stream(LocalDate reportDate, Function<Stream<AuditedUser>, T> consumer) {
			this.scans++;
			return super.stream(reportDate, consumer);
		}

	}

}
