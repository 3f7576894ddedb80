package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The evidence archive as a local folder: each key a file below it. Files are written
 * atomically, made read-only, and never replaced by different content. Thread-safe for
 * different keys.
 */
public final class LocalReportArchive implements ReportArchive {

	private final Path root;

	public LocalReportArchive(Path root) {
		this.root = root;
	}

	@Override
	public ArchivedObject store(String key, Path file, String sha256) {
		Path target = this.root.resolve(key).normalize();
		if (!target.startsWith(this.root.normalize())) {
			throw new IllegalArgumentException("Key leaves the archive: " + key);
		}
		try {
			if (Files.exists(target)) {
				if (!Sha256.of(target).equals(sha256)) {
					throw new EvidenceConflictException(target.toString());
				}
				return new ArchivedObject(key, sha256, Files.size(target), target.toString(), true);
			}
			Files.createDirectories(target.getParent());
			Path partial = Files.createTempFile(target.getParent(), ".partial-", "");
			Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			target.toFile().setReadOnly();
			return new ArchivedObject(key, sha256, Files.size(target), target.toString(), false);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot archive " + key + " in " + this.root, ex);
		}
	}

	@Override
	public String location(String key) {
		return this.root.resolve(key).toString();
	}

}
