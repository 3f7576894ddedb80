package io.iamuseraudit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

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

	public void write(Stream<AuditedUser> users, Path file) {
		try (Lines lines = open(file)) {
			users.forEach(lines);
		}
	}

	/** Starts the file, for users given one at a time; closing it finishes the file. */
	public Lines open(Path file) {
		OutputStream out = null;
		try {
			out = Files.newOutputStream(file);
			return new Lines(file,
					new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out), StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			closeQuietly(out);
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

	private static void closeQuietly(OutputStream out) {
		if (out != null) {
			try {
				out.close();
			}
			catch (IOException ex) {
				// Reported as the failure to write.
			}
		}
	}

	/** An evidence file being written, one user at a time. Not thread-safe. */
	public final class Lines implements Consumer<AuditedUser>, AutoCloseable {

		private final Path file;

		private final BufferedWriter writer;

		private Lines(Path file, BufferedWriter writer) {
			this.file = file;
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

		@Override
		public void close() {
			try {
				this.writer.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot write " + this.file, ex);
			}
		}

	}

}
