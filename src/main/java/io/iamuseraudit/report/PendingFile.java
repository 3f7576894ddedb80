package io.iamuseraudit.report;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import io.iamuseraudit.AtomicFiles;

/**
 * A report file written through a writer of its own: {@link #finish()} closes the writer
 * and puts the file in place; closing it unfinished leaves the file as it was. Not
 * thread-safe.
 */
final class PendingFile<W extends Closeable> implements AutoCloseable {

	private final Path file;

	private final AtomicFiles.Pending pending;

	private final W writer;

	private PendingFile(Path file, AtomicFiles.Pending pending, W writer) {
		this.file = file;
		this.pending = pending;
		this.writer = writer;
	}

	static <W extends Closeable> PendingFile<W> open(Path file, WriterFactory<W> writer) {
		AtomicFiles.Pending pending = null;
		try {
			pending = AtomicFiles.begin(file);
			return new PendingFile<>(file, pending, writer.open(pending.path()));
		}
		catch (IOException ex) {
			quietly(pending);
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	W writer() {
		return this.writer;
	}

	/** Writes with the writer, turning an I/O failure into one that names the file. */
	void write(Writing<W> writing) {
		try {
			writing.write(this.writer);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	/** Completes the file and puts it in place. */
	void finish() {
		write(Closeable::close);
		try {
			this.pending.commit();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + this.file, ex);
		}
	}

	@Override
	public void close() {
		quietly(this.writer);
		quietly(this.pending);
	}

	/** Closes what a failure leaves open, without hiding that failure. */
	private static void quietly(AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// The failure that got here is the one to report.
		}
	}

	/** Opens the writer on the temporary file. */
	@FunctionalInterface
	interface WriterFactory<W> {

		W open(Path path) throws IOException;

	}

	/** Something written with the writer. */
	@FunctionalInterface
	interface Writing<W> {

		void write(W writer) throws IOException;

	}

}
