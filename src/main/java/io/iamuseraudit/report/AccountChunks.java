package io.iamuseraudit.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import io.iamuseraudit.report.PdfRows.UserRow;

/**
 * Cuts rows ordered by account into chunks of whole accounts, each of about
 * {@code chunkSize} rows (an account larger than that is a chunk of its own), reading the
 * rows only as chunks are asked for. Not thread-safe.
 */
final class AccountChunks implements Iterator<List<UserRow>> {

	private final Iterator<UserRow> rows;

	private final int chunkSize;

	private UserRow next;

	AccountChunks(Iterator<UserRow> rows, int chunkSize) {
		this.rows = rows;
		this.chunkSize = chunkSize;
		this.next = rows.hasNext() ? rows.next() : null;
	}

	@Override
	public boolean hasNext() {
		return this.next != null;
	}

	@Override
	public List<UserRow> next() {
		if (this.next == null) {
			throw new NoSuchElementException();
		}
		List<UserRow> chunk = new ArrayList<>();
		while (this.next != null) {
			UserRow row = this.next;
			boolean newAccount = !chunk.isEmpty() && !row.accountId().equals(chunk.get(chunk.size() - 1).accountId());
			if (newAccount && chunk.size() >= this.chunkSize) {
				break;
			}
			chunk.add(row);
			this.next = this.rows.hasNext() ? this.rows.next() : null;
		}
		return chunk;
	}

}
