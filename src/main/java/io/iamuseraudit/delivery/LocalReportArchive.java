package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;

import io.iamuseraudit.AtomicFiles;

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
	public ArchivedObject store(LocalDate reportDate, String key, Path file, String sha256) {
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
			// Also on disk before it is in place: a restart takes a truncated file for
			// different evidence, and stops.
			AtomicFiles.write(target, (partial) -> {
				Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
				if (!Sha256.of(partial).equals(sha256)) {
					throw new DeliveryException(file + " no longer has the SHA-256 " + sha256
							+ " it was listed with: it changed after it was rendered. Nothing was archived under "
							+ key);
				}
			});
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
