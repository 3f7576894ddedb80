package io.iamuseraudit.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
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
		try (InputStream in = Files.newInputStream(file)) {
			return digest(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + file, ex);
		}
	}

	/** The raw digest of what a stream holds, read to its end. */
	public static byte[] digest(InputStream in) throws IOException {
		MessageDigest digest = newDigest();
		byte[] buffer = new byte[64 * 1024];
		for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
			digest.update(buffer, 0, read);
		}
		return digest.digest();
	}

	/**
	 * A hex digest as S3 writes it in {@code x-amz-checksum-sha256}: base64 of the bytes.
	 */
	public static String base64(String hex) {
		return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
	}

	private static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
