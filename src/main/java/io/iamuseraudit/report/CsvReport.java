package io.iamuseraudit.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.inventory.IamUser;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the CSV the team works from: RFC 4180, UTF-8, one row per user, ISO-8601 UTC
 * times, empty cells for what is unknown, every cell neutralised against formula
 * injection. The first twenty columns are a contract; more may follow. Thread-safe.
 */
public final class CsvReport {

	public static final List<String> COLUMNS = List.of("account_id", "account_name", "user_name", "user_id", "arn",
			"path", "created_at", "owner", "owner_source", "creator", "creator_type", "password_enabled",
			"password_last_used", "mfa_active", "access_key_1_last_used", "access_key_2_last_used", "last_activity",
			"days_inactive", "findings", "change", "change_detail", "findings_new", "findings_resolved",
			"creator_detail", "groups", "attached_policies", "inline_policies", "access_key_1_active",
			"access_key_1_last_rotated", "access_key_2_active", "access_key_2_last_rotated", "tags", "notes");

	private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

	private final JsonMapper json;

	public CsvReport(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Starts the file, for users given one at a time: {@link Rows#finish()} puts it in
	 * place; closing it unfinished leaves the file as it was.
	 */
	public Rows open(Path file) {
		return new Rows(PendingFile.open(file,
				(path) -> new CSVPrinter(Files.newBufferedWriter(path, StandardCharsets.UTF_8), FORMAT)));
	}

	/** A CSV being written, one user at a time. Not thread-safe. */
	public final class Rows implements Consumer<AuditedUser>, AutoCloseable {

		private final PendingFile<CSVPrinter> file;

		private long count;

		private Rows(PendingFile<CSVPrinter> file) {
			this.file = file;
		}

		@Override
		public void accept(AuditedUser user) {
			this.file.write((printer) -> printer.printRecord(cells(user).stream().map(CsvCells::neutralise).toList()));
			this.count++;
		}

		/** Users written so far. */
		public long count() {
			return this.count;
		}

		/** Completes the file and puts it in place. */
		public void finish() {
			this.file.finish();
		}

		@Override
		public void close() {
			this.file.close();
		}

	}

	private List<String> cells(AuditedUser audited) {
		IamUser user = audited.user();
		UserActivity activity = audited.activity();
		return List.of(user.accountId(), audited.accountName(), user.userName(), user.userId(), user.arn(), user.path(),
				time(user.createdAt()), text(audited.owner().name()), audited.owner().source(),
				text(audited.creator().principal()), audited.creator().typeLabel(), text(activity.passwordEnabled()),
				time(activity.passwordLastUsed()), text(activity.mfaActive()), time(activity.accessKey1().lastUsed()),
				time(activity.accessKey2().lastUsed()), time(activity.lastActivity()), text(activity.daysInactive()),
				Finding.join(audited.findings()), text(audited.change()), text(audited.comparison().detail()),
				Finding.join(audited.comparison().newFindings()), Finding.join(audited.comparison().resolvedFindings()),
				audited.creator().known() ? text(audited.creator().detail()) : "", String.join(";", user.groups()),
				String.join(";", user.attachedPolicies()), String.join(";", user.inlinePolicies()),
				keyActive(activity, activity.accessKey1().active()), time(activity.accessKey1().lastRotated()),
				keyActive(activity, activity.accessKey2().active()), time(activity.accessKey2().lastRotated()),
				user.tags().isEmpty() ? "" : this.json.writeValueAsString(user.tags()),
				String.join("; ", audited.notes()));
	}

	private static String keyActive(UserActivity activity, boolean active) {
		return (activity.status() == ActivityStatus.REPORTED) ? String.valueOf(active) : "";
	}

	static String time(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)) : "";
	}

	private static String text(Object value) {
		return Objects.toString(value, "");
	}

}
