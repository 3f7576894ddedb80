package io.iamuseraudit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import io.iamuseraudit.AtomicFiles;
import io.iamuseraudit.history.AuditedUser;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the raw evidence: every audited user with all enrichment, one JSON object per
 * line, gzipped. Thread-safe.
 */
public final class EvidenceFile {

	private final JsonMapper json;

	public EvidenceFile(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Starts the file, for users given one at a time: {@link Lines#finish()} puts it in
	 * place; closing it unfinished leaves the file as it was.
	 */
	public Lines open(Path file) {
		AtomicFiles.Pending pending = null;
		try {
			pending = AtomicFiles.begin(file);
			return new Lines(file, pending, new BufferedWriter(new OutputStreamWriter(
					new GZIPOutputStream(Files.newOutputStream(pending.path())), StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			Closing.quietly(pending);
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	/** An evidence file being written, one user at a time. Not thread-safe. */
	public final class Lines implements Consumer<AuditedUser>, AutoCloseable {

		private final Path file;

		private final AtomicFiles.Pending pending;

		private final BufferedWriter writer;

		private Lines(Path file, AtomicFiles.Pending pending, BufferedWriter writer) {
			this.file = file;
			this.pending = pending;
			this.writer = writer;
		}

		@Override
		public void accept(AuditedUser user) {
			try {
				this.writer.write(EvidenceFile.this.json.writeValueAsString(user));
				this.writer.write('\n');
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.file, ex);
			}
		}

		/** Completes the file and puts it in place. */
		public void finish() {
			try {
				this.writer.close();
				this.pending.commit();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.file, ex);
			}
		}

		@Override
		public void close() {
			Closing.quietly(this.writer);
			Closing.quietly(this.pending);
		}

	}

}
