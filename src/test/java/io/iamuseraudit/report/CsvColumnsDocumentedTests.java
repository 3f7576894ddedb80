package io.iamuseraudit.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** README.md lists the CSV's columns as the CSV has them: every one, in order. */
class CsvColumnsDocumentedTests {

	private static final Pattern CSV_ROW = Pattern
		.compile("\\| `out/iam-user-audit-<date>\\.csv` \\|.*?columns `([^`]+)` first, then `([^`]+)`");

	@Test
	void readmeListsEveryColumnInOrder() throws Exception {
		Matcher row = CSV_ROW.matcher(Files.readString(Path.of("README.md")));

		assertThat(row.find()).as("README.md's row for the CSV").isTrue();
		List<String> documented = Stream.of(row.group(1), row.group(2))
			.flatMap(columns -> Arrays.stream(columns.split(",\\s*")))
			.toList();
		assertThat(documented).containsExactlyElementsOf(CsvReport.COLUMNS);
	}

}
