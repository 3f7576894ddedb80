package io.iamuseraudit.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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

	/** Writes the users: the file is complete or, if writing fails, left as it was. */
	public void write(Stream<AuditedUser> users, Path file) {
		try {
			AtomicFiles.write(file, (partial) -> {
				try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(
						new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
					for (AuditedUser user : (Iterable<AuditedUser>) users::iterator) {
						writer.write(this.json.writeValueAsString(user));
						writer.write('\n');
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write " + file, ex);
		}
	}

}
