package io.iamuseraudit.report;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
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

	/**
	 * Starts the file, for users given one at a time: {@link Lines#finish()} puts it in
	 * place; closing it unfinished leaves the file as it was.
	 */
	public Lines open(Path file) {
		return new Lines(PendingFile.open(file, (path) -> new BufferedWriter(
				new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(path)), StandardCharsets.UTF_8))));
	}

	/** An evidence file being written, one user at a time. Not thread-safe. */
	public final class Lines implements Consumer<AuditedUser>, AutoCloseable {

		private final PendingFile<BufferedWriter> file;

		private Lines(PendingFile<BufferedWriter> file) {
			this.file = file;
		}

		@Override
		public void accept(AuditedUser user) {
			String line = EvidenceFile.this.json.writeValueAsString(user);
			this.file.write((writer) -> {
				writer.write(line);
				writer.write('\n');
			});
		}

		/** Completes the file and puts it in place. */
		public void finish() {
			this.file.finish();
		}

		@Override
		public void close() {
			this.file.close();
		}

	}

}
