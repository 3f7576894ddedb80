package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files. */
public final class Sha256 {

	private Sha256() {
	}

	/** In lowercase hex, as the manifest lists it. */
	public static String of(Path file) {
		return HexFormat.of().formatHex(digest(file));
	}

	/** The raw digest, as S3's checksum headers want it (base64 of these bytes). */
	public static byte[] digest(Path file) {
		try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
				MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(OutputStream.nullOutputStream());
			return in.getMessageDigest().digest();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
