package io.iamuseraudit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.UUID;

/**
 * Writes files that are, whenever the process stops, either absent (or as they were) or
 * complete: the content goes to a temporary file next to the target, reaches the disk,
 * and is then moved over the target.
 */
public final class AtomicFiles {

	private AtomicFiles() {
	}

	/**
	 * Writes a file atomically.
	 * @param file the file to write
	 * @param content writes the content into the path given (a temporary file in the same
	 * folder); when it fails, the temporary file is deleted and the target is left as it
	 * was
	 */
	public static void write(Path file, Content content) throws IOException {
		try (Pending pending = begin(file)) {
			content.writeTo(pending.path());
			pending.commit();
		}
	}

	/**
	 * Starts writing a file atomically: write {@link Pending#path()}, then
	 * {@link Pending#commit()}; closing it without committing leaves the target as it
	 * was. Temporary files an earlier, killed writer of the file left are deleted first:
	 * one process at a time writes a file.
	 */
	public static Pending begin(Path file) throws IOException {
		deleteLeftovers(file);
		// Not Files.createTempFile: its owner-only permissions would stay with the file.
		return new Pending(Files.createFile(
				file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial")),
				file);
	}

	/**
	 * Deletes the temporary files a process killed while writing the file left next to
	 * it. Only for files that one process at a time writes.
	 * @return how many
	 */
	public static int deleteLeftovers(Path file) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(folder,
				"." + file.getFileName() + ".*.partial")) {
			for (Path leftover : leftovers) {
				deleted += Files.deleteIfExists(leftover) ? 1 : 0;
			}
		}
		return deleted;
	}

	/**
	 * Moves a file over another in the same folder, atomically where the file system can.
	 */
	private static void move(Path source, Path target) throws IOException {
		try {
			Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Writes the content of a file. */
	@FunctionalInterface
	public interface Content {

		void writeTo(Path file) throws IOException;

	}

	/** A file being written in its temporary place. */
	public static final class Pending implements AutoCloseable {

		private final Path partial;

		private final Path target;

		private boolean committed;

		private Pending(Path partial, Path target) {
			this.partial = partial;
			this.target = target;
		}

		/** Where to write the content. */
		public Path path() {
			return this.partial;
		}

		/** Puts the written content, on disk, in place of the target. */
		public void commit() throws IOException {
			try (FileChannel channel = FileChannel.open(this.partial, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			move(this.partial, this.target);
			this.committed = true;
		}

		/** Deletes the temporary file unless committed. */
		@Override
		public void close() throws IOException {
			if (!this.committed) {
				Files.deleteIfExists(this.partial);
			}
		}

	}

}
