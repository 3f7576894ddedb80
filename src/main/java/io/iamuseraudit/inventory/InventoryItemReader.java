package io.iamuseraudit.inventory;

import java.util.Collections;
import java.util.Iterator;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads the inventory query's rows, following next tokens until the last page, so the
 * inventory is never truncated.
 * <p>
 * This reader is not thread-safe. It keeps no restart state: next tokens expire, so a
 * restarted collect step reads again from the first page and relies on the writer's
 * upsert.
 */
public class InventoryItemReader implements ItemReader<RawRow> {

	private static final Log logger = LogFactory.getLog(InventoryItemReader.class);

	private final InventorySource source;

	private Iterator<String> page = Collections.emptyIterator();

	private String nextToken;

	private boolean lastPageRead;

	private int pages;

	private long rowNumber;

	public InventoryItemReader(InventorySource source) {
		this.source = source;
	}

	@Override
	public RawRow read() {
		while (!this.page.hasNext()) {
			if (this.lastPageRead) {
				return null;
			}
			fetchNextPage();
		}
		return new RawRow(++this.rowNumber, this.page.next());
	}

	private void fetchNextPage() {
		InventoryPage next = this.source.fetchPage(this.nextToken);
		this.pages++;
		this.page = next.results().iterator();
		this.nextToken = next.nextToken();
		this.lastPageRead = next.last();
		if (this.pages % 50 == 0 || this.lastPageRead) {
			logger.info("Inventory: %,d pages, %,d rows read%s".formatted(this.pages,
					this.rowNumber + next.results().size(), this.lastPageRead ? " (last page)" : ""));
		}
	}

}
