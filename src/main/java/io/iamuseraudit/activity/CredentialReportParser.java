package io.iamuseraudit.activity;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import io.iamuseraudit.Printable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the CSV of an IAM credential report. Columns are found by name, so columns IAM
 * adds later are ignored; a value that cannot be read becomes unknown and is listed in
 * the report's problems, never failing the whole report; rows after a break in the CSV
 * are lost and the break is listed too. A body that is not a credential report (no
 * {@code user} and {@code arn} columns, not CSV) is an {@link IllegalArgumentException}.
 * Thread-safe.
 */
public final class CredentialReportParser {

	private static final Set<String> NO_VALUE = Set.of("N/A", "no_information", "not_supported", "");

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

	public CredentialReport parse(String csv, Instant generatedAt) {
		List<CredentialReportRow> users = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		CredentialReportRow root = null;
		try (CSVParser parser = CSVParser.parse(new StringReader(csv), FORMAT)) {
			if (!parser.getHeaderMap().containsKey("user") || !parser.getHeaderMap().containsKey("arn")) {
				throw new IllegalArgumentException("credential report without 'user' and 'arn' columns");
			}
			Iterator<CSVRecord> records = parser.iterator();
			while (hasNext(records, parser, problems)) {
				CredentialReportRow row = row(new Values(records.next(), problems));
				if (CredentialReportRow.ROOT.equals(row.user())) {
					root = row;
				}
				else if (!row.user().isEmpty()) {
					users.add(row);
				}
			}
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalArgumentException("credential report is not CSV: " + ex.getMessage(), ex);
		}
		return new CredentialReport(generatedAt, List.copyOf(users), root, List.copyOf(problems));
	}

	/**
	 * Whether another record follows; a report that breaks off (an unterminated quote)
	 * keeps the rows before, and the break is listed with the problems.
	 */
	private static boolean hasNext(Iterator<CSVRecord> records, CSVParser parser, List<String> problems) {
		try {
			return records.hasNext();
		}
		catch (UncheckedIOException ex) {
			problems.add("unreadable after line " + parser.getCurrentLineNumber() + ": " + ex.getCause().getMessage());
			return false;
		}
	}

	private static CredentialReportRow row(Values values) {
		return new CredentialReportRow(values.text("user"), values.text("arn"), values.time("user_creation_time"),
				values.bool("password_enabled"), values.time("password_last_used"), values.bool("mfa_active"),
				accessKey(values, 1), accessKey(values, 2));
	}

	private static AccessKey accessKey(Values values, int number) {
		String prefix = "access_key_" + number + "_";
		return new AccessKey(Boolean.TRUE.equals(values.bool(prefix + "active")), values.time(prefix + "last_rotated"),
				values.time(prefix + "last_used_date"));
	}

	/**
	 * One record's values by column name; unreadable ones are noted with the user they
	 * belong to.
	 */
	private record Values(CSVRecord record, List<String> problems) {

		String text(String column) {
			return (this.record.isMapped(column) && this.record.isSet(column)) ? Printable.line(this.record.get(column))
					: "";
		}

		Instant time(String column) {
			String value = text(column);
			if (NO_VALUE.contains(value)) {
				return null;
			}
			try {
				return OffsetDateTime.parse(value).toInstant();
			}
			catch (DateTimeParseException ex) {
				this.problems.add(text("user") + ": " + column + " is not a date");
				return null;
			}
		}

		Boolean bool(String column) {
			String value = text(column);
			if (NO_VALUE.contains(value)) {
				return null;
			}
			if (!value.equals("true") && !value.equals("false")) {
				this.problems.add(text("user") + ": " + column + " is not true or false");
				return null;
			}
			return Boolean.valueOf(value);
		}

	}

}
