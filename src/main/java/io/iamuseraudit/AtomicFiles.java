package io.iamuseraudit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
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
		// Not Files.createTempFile: its owner-only permissions would stay with the file.
		Path partial = Files.createFile(
				file.toAbsolutePath().resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".partial"));
		try {
			content.writeTo(partial);
			try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			move(partial, file);
		}
		catch (IOException | RuntimeException | Error ex) {
			Files.deleteIfExists(partial);
			throw ex;
		}
	}

	/**
	 * Moves a file over another in the same folder, atomically where the file system can.
	 */
	public static void move(Path source, Path target) throws IOException {
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

}
