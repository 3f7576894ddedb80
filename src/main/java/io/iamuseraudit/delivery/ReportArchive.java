package io.iamuseraudit.delivery;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Where reports are kept as evidence: an S3 bucket, or a local folder with the same keys.
 */
public interface ReportArchive {

	/**
	 * Stores a file under a key. An identical object already there counts as stored (a
	 * restarted run uploads nothing twice).
	 * @param reportDate the audit the file belongs to
	 * @param sha256 the file's SHA-256 in hex, as the manifest lists it; the archive
	 * checks that the bytes it stores have it
	 * @throws EvidenceConflictException when a different object is there
	 */
	ArchivedObject store(LocalDate reportDate, String key, Path file, String sha256);

	/** Where a key is or would be, for people: {@code s3://bucket/key} or a path. */
	String location(String key);

}
