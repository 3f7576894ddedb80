package io.iamuseraudit.delivery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import io.iamuseraudit.ReportDate;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditRun;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.report.ReportFiles;
import io.iamuseraudit.report.ReportSummaries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The manifest a restart reuses is never one that a failed write left half-written. */
class ArchiveReportsTaskletTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	@TempDir
	Path dir;

	@Test
	void manifestFailingHalfWayIsNotLeftForRestartToArchive() throws IOException {
		Path output = Files.createDirectories(this.dir.resolve("output"));
		ReportFiles files = new ReportFiles(output, REPORT_DATE);
		for (Path file : files.all()) {
			Files.writeString(file, "content of " + file.getFileName());
		}
		JsonMapper failing = JsonMapper.builder()
			.addModule(new SimpleModule().addSerializer(Instant.class, new ValueSerializer<Instant>() {

				@Override
				public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
					throw new IllegalStateException("No space left on device");
				}

			}))
			.build();

		assertThatException().isThrownBy(() -> execute(tasklet(failing, output)))
			.withStackTraceContaining("No space left on device");

		Path manifest = output.resolve("iam-user-audit-" + REPORT_DATE + "-manifest.json");
		assertThat(manifest).doesNotExist();
		try (var left = Files.list(output)) {
			assertThat(left).containsExactlyInAnyOrderElementsOf(files.all());
		}

		execute(tasklet(JsonMapper.builder().build(), output));

		Path archived = this.dir.resolve("archive/iam-user-audit/2026/11/24/2026-11-24/manifest.json");
		JsonNode read = JsonMapper.builder().build().readTree(archived.toFile());
		assertThat(read.get("reportDate").asString()).isEqualTo("2026-11-24");
		assertThat(read.get("objects")).hasSize(3);
	}

	private ArchiveReportsTasklet tasklet(JsonMapper json, Path output) {
		AuditRuns runs = mock(AuditRuns.class);
		given(runs.find(REPORT_DATE)).willReturn(Optional.of(new AuditRun(REPORT_DATE, "sample", "the sample", 7L,
				AuditRun.RUNNING, Instant.parse("2026-11-24T06:00:00Z"), null, null, null, null, null, null, null)));
		ReportSummaries summaries = mock(ReportSummaries.class);
		given(summaries.of(REPORT_DATE)).willReturn(Summaries.withMarkupInNames(REPORT_DATE));
		ApiCalls apiCalls = mock(ApiCalls.class);
		given(apiCalls.byService(REPORT_DATE)).willReturn(Map.of("iam", 3));
		given(apiCalls.byAccountAndService(REPORT_DATE)).willReturn(Map.of());
		return new ArchiveReportsTasklet(new LocalReportArchive(this.dir.resolve("archive")),
				new ArchiveKeys("iam-user-audit/"), mock(DeliveryLog.class), runs, apiCalls, summaries, json, output,
				"1.0.0");
	}

	private void execute(ArchiveReportsTasklet tasklet) throws IOException {
		StepExecution step = MetaDataInstanceFactory.createStepExecution(
				new JobParametersBuilder().addLocalDate(ReportDate.PARAMETER, REPORT_DATE).toJobParameters());
		tasklet.execute(new StepContribution(step), new ChunkContext(new StepContext(step)));
	}

}
