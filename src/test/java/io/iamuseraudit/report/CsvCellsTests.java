package io.iamuseraudit.report;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTests {

	@ParameterizedTest
	@ValueSource(strings = { "=1+2", "+441234567", "-ops-team", "@SUM(A1:A2)", "\tcmd", "\rcmd",
			"=HYPERLINK(\"http://evil.example\",\"x\")" })
	void prefixesCellsThatASpreadsheetWouldEvaluate(String value) {
		assertThat(CsvCells.neutralise(value)).isEqualTo("'" + value);
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "Zoë Ångström", "李雷", "2026-11-24T00:00:00Z", "a=b", "x-y", "42" })
	void leavesOrdinaryValuesAlone(String value) {
		assertThat(CsvCells.neutralise(value)).isEqualTo(value);
	}

	@Test
	void turnsMissingValuesIntoEmptyCells() {
		assertThat(CsvCells.neutralise(null)).isEmpty();
		assertThat(CsvCells.neutralise("")).isEmpty();
	}

}
