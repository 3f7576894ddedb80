package io.iamuseraudit.report;

import io.iamuseraudit.Printable;

/**
 * Makes cell text safe to open in a spreadsheet: a cell that starts with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab or a carriage return would be read as a formula,
 * so it gets a leading apostrophe (OWASP's CSV injection advice); control characters
 * other than line breaks and tabs become U+FFFD ({@link Printable#text}). Quoting is left
 * to the CSV printer.
 */
public final class CsvCells {

	private CsvCells() {
	}

	public static String neutralise(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String printable = Printable.text(value);
		return switch (printable.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r' -> "'" + printable;
			default -> printable;
		};
	}

}
