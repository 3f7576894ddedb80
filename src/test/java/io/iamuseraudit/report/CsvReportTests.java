package io.iamuseraudit.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.iamuseraudit.AuditFiles;
import io.iamuseraudit.activity.AccessKey;
import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.CreatorKind;
import io.iamuseraudit.attribution.CreatorType;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Change;
import io.iamuseraudit.history.Comparison;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.Tag;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Formula injection in every column: a user whose every text (names, ids, path, tags,
 * owner, creator, groups, policies, change detail, notes) starts with a character a
 * spreadsheet evaluates.
 */
class CsvReportTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@ValueSource(strings = { "=", "+", "-", "@", "\t", "\r" })
	void noCellStartsWithWhatASpreadsheetEvaluates(String dangerous) throws Exception {
		String text = dangerous + "HYPERLINK(\"http://evil.example\")";
		IamUser user = new IamUser("111122223333", text, text, text, text, Instant.parse("2026-01-01T00:00:00Z"),
				List.of(new Tag(text, text)), List.of(text), List.of(text), List.of(text), List.of("us-east-1"));
		Creator creator = new Creator(text, CreatorType.IAM_USER, CreatorKind.PERSON, text, null, "cloudtrail");
		UserActivity activity = new UserActivity(ActivityStatus.REPORTED, true, null, false, AccessKey.NONE,
				AccessKey.NONE, null, 0);
		AuditedUser audited = new AuditedUser(user, text, new Owner(text, text), creator, activity,
				List.of(Finding.NO_OWNER), new Comparison(Change.CHANGED, text, List.of(), List.of()), List.of(text));
		Path file = this.dir.resolve("report.csv");

		write(Stream.of(audited), file);

		List<CSVRecord> rows = AuditFiles.csv(file);
		assertThat(rows).hasSize(1);
		List<String> cells = rows.get(0).toList();
		assertThat(cells).hasSameSizeAs(CsvReport.COLUMNS);
		for (int i = 0; i < cells.size(); i++) {
			String cell = cells.get(i);
			assertThat(cell).as(CsvReport.COLUMNS.get(i))
				.satisfiesAnyOf(value -> assertThat(value).isEmpty(),
						value -> assertThat(value.charAt(0)).isNotIn('=', '+', '-', '@', '\t', '\r'));
		}
		assertThat(cells).as("texts that begin with it are kept, after an apostrophe")
			.filteredOn(cell -> cell.startsWith("'" + dangerous))
			.hasSizeGreaterThanOrEqualTo(13);
	}

	@Test
	void failureWhileReadingUsersLeavesNoTruncatedReport() throws Exception {
		Path file = this.dir.resolve("report.csv");
		IamUser user = new IamUser("111122223333", "AIDAEXAMPLE", "alice", "arn:aws:iam::111122223333:user/alice", "/",
				Instant.parse("2026-01-01T00:00:00Z"), List.of(), List.of(), List.of(), List.of(),
				List.of("us-east-1"));
		AuditedUser audited = new AuditedUser(user, "platform", Owner.NONE, Creator.unknown("not looked up"),
				UserActivity.unknown(ActivityStatus.UNAVAILABLE), List.of(), Comparison.NONE, List.of());
		Stream<AuditedUser> brokenOff = Stream.concat(Stream.of(audited), Stream.generate(() -> {
			throw new IllegalStateException("connection to the history database lost");
		}));

		assertThatIllegalStateException().isThrownBy(() -> write(brokenOff, file));

		assertThat(this.dir).isEmptyDirectory();
	}

	/**
	 * What the render step does with the users: the file is complete or left as it was.
	 */
	private static void write(Stream<AuditedUser> users, Path file) {
		try (CsvReport.Rows rows = new CsvReport(JsonMapper.builder().build()).open(file)) {
			users.forEach(rows);
			rows.finish();
		}
	}

}
