package io.iamuseraudit.inventory;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class InventoryItemReaderTests {

	@Test
	void readsEveryRowOfEveryPageInOrderAndNumbersThem() {
		List<RawRow> rows = readAll(new PagedSource(3, 2), 0);
		assertThat(rows).extracting(RawRow::json).containsExactly("r0", "r1", "r2", "r3", "r4", "r5");
		assertThat(rows).extracting(RawRow::rowNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
	}

	@Test
	void toldTheLastAuditsSizeItSaysAboutHowLongIsLeft(CapturedOutput output) {
		readAll(new PagedSource(60, 10), 1_200);
		assertThat(output).contains("Inventory: 50 pages, 500 rows read")
			.contains("s left if the organization")
			.contains("Inventory: 60 pages, 600 rows read");
	}

	@Test
	void withoutALastAuditItDoesNotGuess(CapturedOutput output) {
		readAll(new PagedSource(60, 10), 0);
		assertThat(output).contains("Inventory: 50 pages, 500 rows read").doesNotContain("left if");
	}

	private static List<RawRow> readAll(InventorySource source, long expectedRows) {
		InventoryItemReader reader = new InventoryItemReader(source, expectedRows);
		reader.open(new ExecutionContext());
		try {
			List<RawRow> rows = new ArrayList<>();
			for (RawRow row = reader.read(); row != null; row = reader.read()) {
				rows.add(row);
			}
			return rows;
		}
		finally {
			reader.close();
		}
	}

	private record PagedSource(int pages, int rowsPerPage) implements InventorySource {

		@Override
		public InventoryPage fetchPage(String nextToken) {
			int page = (nextToken != null) ? Integer.parseInt(nextToken) : 0;
			List<String> results = new ArrayList<>();
			for (int i = 0; i < this.rowsPerPage; i++) {
				results.add("r" + (page * this.rowsPerPage + i));
			}
			return new InventoryPage(results, (page + 1 < this.pages) ? String.valueOf(page + 1) : null);
		}

		@Override
		public String description() {
			return "pages";
		}

	}

}
