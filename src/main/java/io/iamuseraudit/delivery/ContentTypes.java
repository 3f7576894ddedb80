package io.iamuseraudit.delivery;

/** Media types of the files the audit delivers, by file name. */
final class ContentTypes {

	private ContentTypes() {
	}

	static String of(String fileName) {
		if (fileName.endsWith(".pdf")) {
			return "application/pdf";
		}
		if (fileName.endsWith(".csv")) {
			return "text/csv; charset=UTF-8";
		}
		if (fileName.endsWith(".json")) {
			return "application/json";
		}
		// Not Content-Encoding: gzip, which would make clients unpack it and the
		// checksum differ.
		return fileName.endsWith(".gz") ? "application/gzip" : "application/octet-stream";
	}

}
