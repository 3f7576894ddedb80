package io.iamuseraudit;

/**
 * Makes text from AWS safe to print in the reports, the email and a terminal: control
 * characters (the escape that starts a terminal sequence, NUL, DEL, C1), Unicode's
 * bidirectional overrides (which make text read differently from what it holds) and
 * unpaired surrogates (which UTF-8 cannot encode) become U+FFFD, visibly. Genuine IAM and
 * Organizations names, paths and tags cannot hold any of them.
 */
public final class Printable {

	public static final char REPLACEMENT = '\uFFFD';

	private Printable() {
	}

	/** A name or a value on one line: line breaks and tabs are replaced too. */
	public static String line(String text) {
		return replace(text, false);
	}

	/** Text that may run over lines: line breaks and tabs are kept. */
	public static String text(String text) {
		return replace(text, true);
	}

	/** Whether {@link #line} leaves the text as it is. */
	public static boolean isLine(String text) {
		return text == null || text.equals(line(text));
	}

	/** {@link #line}, cut to a length ({@code …} ends a cut text). */
	public static String line(String text, int maxLength) {
		return cut(line(text), maxLength);
	}

	/** The text as it is, cut to a length ({@code …} ends a cut text). */
	public static String cut(String text, int maxLength) {
		return (text != null && text.length() > maxLength) ? text.substring(0, maxLength - 1) + "…" : text;
	}

	private static String replace(String text, boolean keepLineBreaks) {
		if (text == null) {
			return null;
		}
		StringBuilder printable = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean replace = unprintable(text, i, c) && !(keepLineBreaks && (c == '\n' || c == '\r' || c == '\t'));
			if (replace && printable == null) {
				printable = new StringBuilder(text.length()).append(text, 0, i);
			}
			if (printable != null) {
				printable.append(replace ? REPLACEMENT : c);
			}
		}
		return (printable != null) ? printable.toString() : text;
	}

	private static boolean unprintable(String text, int i, char c) {
		if (Character.isHighSurrogate(c)) {
			return i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1));
		}
		if (Character.isLowSurrogate(c)) {
			return i == 0 || !Character.isHighSurrogate(text.charAt(i - 1));
		}
		return Character.getType(c) == Character.CONTROL || (c >= '\u202a' && c <= '\u202e')
				|| (c >= '\u2066' && c <= '\u2069');
	}

}
