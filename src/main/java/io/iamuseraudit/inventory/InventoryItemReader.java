package io.iamuseraudit.inventory;

import java.util.Collections;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Reads the inventory query's rows, following next tokens until the last page, so the
 * inventory is never truncated. While the rows of a page are processed, the next page is
 * already being fetched: pages must come one after another, so this hides their latency
 * behind the work on the previous one.
 * <p>
 * This reader is not thread-safe. It keeps no restart state: next tokens expire, so a
 * restarted collect step reads again from the first page and relies on the writer's
 * upsert.
 */
public class InventoryItemReader implements ItemStreamReader<RawRow> {

	private static final Log logger = LogFactory.getLog(InventoryItemReader.class);

	private final InventorySource source;

	private final long expectedRows;

	private final ExecutorService fetcher = Executors
		.newSingleThreadExecutor(new CustomizableThreadFactory("inventory-page-"));

	private final long started = System.nanoTime();

	private Iterator<String> page = Collections.emptyIterator();

	private CompletableFuture<InventoryPage> nextPage;

	private int pages;

	private long rowNumber;

	/**
	 * @param expectedRows the least number of rows to expect (the last audit's users: a
	 * user recorded in several regions, or deleted, adds rows), only to tell how long is
	 * left; 0 when unknown
	 */
	public InventoryItemReader(InventorySource source, long expectedRows) {
		this.source = source;
		this.expectedRows = expectedRows;
	}

	@Override
	public RawRow read() {
		if (this.nextPage == null && this.pages == 0) {
			this.nextPage = fetch(null);
		}
		while (!this.page.hasNext()) {
			if (this.nextPage == null) {
				return null;
			}
			takeNextPage();
		}
		return new RawRow(++this.rowNumber, this.page.next());
	}

	private void takeNextPage() {
		InventoryPage next;
		try {
			next = this.nextPage.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
		this.pages++;
		this.page = next.results().iterator();
		this.nextPage = next.last() ? null : fetch(next.nextToken());
		if (this.pages % 50 == 0 || next.last()) {
			long rows = this.rowNumber + next.results().size();
			double seconds = Math.max(1e-3, (System.nanoTime() - this.started) / 1e9);
			logger.info("Inventory: %,d pages, %,d rows read (%,.0f rows/s)%s".formatted(this.pages, rows,
					rows / seconds, next.last() ? ", last page" : timeLeft(rows, seconds)));
		}
	}

	private String timeLeft(long rows, double seconds) {
		if (this.expectedRows <= rows) {
			return "";
		}
		return ", about %d s left if the organization is as large as at the last audit"
			.formatted(Math.round((this.expectedRows - rows) * seconds / rows));
	}

	private CompletableFuture<InventoryPage> fetch(String nextToken) {
		return CompletableFuture.supplyAsync(() -> this.source.fetchPage(nextToken), this.fetcher);
	}

	@Override
	public void close() {
		this.fetcher.shutdownNow();
	}

}
