package io.iamuseraudit.inventory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.iamuseraudit.Printable;
import io.iamuseraudit.inventory.InventoryRow.DeletedUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one row of the inventory query: a JSON document nested by field path, as AWS
 * Config's advanced query returns it. Fields are found by name, so the query may select
 * more. A row without the identity of a user is rejected with the reason; a user whose
 * other fields are unreadable is kept, with the problems noted. Thread-safe.
 */
public final class InventoryRowParser {

	static final int MAX_TAGS = 200;

	private static final Set<String> DELETED = Set.of("ResourceDeleted", "ResourceDeletedNotRecorded");

	private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

	private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

	/** IAM's limits on a tag's key and value. */
	static final int MAX_TAG_KEY = 128;

	static final int MAX_TAG_VALUE = 256;

	private static final int MAX_EXCERPT = 300;

	private final JsonMapper json;

	public InventoryRowParser(JsonMapper json) {
		this.json = json;
	}

	public InventoryRow parse(RawRow raw) {
		JsonNode row;
		try {
			row = this.json.readTree(raw.json());
		}
		catch (JacksonException ex) {
			return rejected(raw, null, "invalid JSON: " + ex.getOriginalMessage());
		}
		if (row == null || !row.isObject()) {
			return rejected(raw, null, "not a JSON object");
		}
		String accountId = text(row, "accountId");
		if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
			return rejected(raw, null, "accountId missing or not a 12-digit account id");
		}
		String userName = text(row, "resourceName");
		String userId = text(row, "resourceId");
		String status = text(row, "configurationItemStatus");
		if (status != null && DELETED.contains(status)) {
			return new DeletedUser(accountId, userName);
		}
		if (userName == null || userName.isBlank() || userName.length() > 128) {
			return rejected(raw, accountId, "resourceName (the user name) missing or longer than 128 characters");
		}
		if (userId == null || userId.isBlank() || userId.length() > 128) {
			return rejected(raw, accountId, "resourceId (the user id) missing or longer than 128 characters");
		}
		List<String> problems = new ArrayList<>();
		JsonNode configuration = row.path("configuration");
		String path = optionalText(configuration, "path", "/", 512, problems);
		String arn = optionalText(row, "arn", "", 2048, problems);
		Instant createdAt = createdAt(row, configuration, problems);
		Instant capturedAt = capturedAt(row, problems);
		List<Tag> tags = tags(row.get("tags"), problems);
		List<String> groups = list(configuration.get("groupList"), "configuration.groupList",
				node -> node.isString() ? node.stringValue() : null, problems);
		List<String> attached = list(configuration.get("attachedManagedPolicies"),
				"configuration.attachedManagedPolicies", node -> text(node, "policyName"), problems);
		List<String> inline = list(configuration.get("userPolicyList"), "configuration.userPolicyList",
				node -> text(node, "policyName"), problems);
		String region = text(row, "awsRegion");
		if (region != null && !REGION.matcher(region).matches()) {
			problems.add("awsRegion is not a region name");
			region = null;
		}
		IamUser user = printable(new IamUser(accountId, userId, userName, arn, path, createdAt, tags, groups, attached,
				inline, (region != null) ? List.of(region) : List.of()), problems);
		return new LiveUser(user, capturedAt, List.copyOf(problems));
	}

	/**
	 * The user with control characters, bidirectional overrides and unpaired surrogates
	 * shown as U+FFFD in every text ({@link Printable#line}), and the fields that held
	 * some listed with the problems.
	 */
	private static IamUser printable(IamUser user, List<String> problems) {
		List<String> fields = new ArrayList<>();
		String userName = printable(user.userName(), "resourceName", fields);
		String userId = printable(user.userId(), "resourceId", fields);
		String arn = printable(user.arn(), "arn", fields);
		String path = printable(user.path(), "configuration.path", fields);
		List<Tag> tags = user.tags()
			.stream()
			.map(tag -> new Tag(printable(tag.key(), "tags", fields), printable(tag.value(), "tags", fields)))
			.toList();
		List<String> groups = printable(user.groups(), "configuration.groupList", fields);
		List<String> attached = printable(user.attachedPolicies(), "configuration.attachedManagedPolicies", fields);
		List<String> inline = printable(user.inlinePolicies(), "configuration.userPolicyList", fields);
		if (fields.isEmpty()) {
			return user;
		}
		problems.add("control or invisible characters, shown as " + Printable.REPLACEMENT + ", in "
				+ String.join(", ", fields));
		return new IamUser(user.accountId(), userId, userName, arn, path, user.createdAt(), tags, groups, attached,
				inline, user.regions());
	}

	private static List<String> printable(List<String> values, String field, List<String> fields) {
		return values.stream().map(value -> printable(value, field, fields)).toList();
	}

	private static String printable(String value, String field, List<String> fields) {
		if (Printable.isLine(value)) {
			return value;
		}
		if (!fields.contains(field)) {
			fields.add(field);
		}
		return Printable.line(value);
	}

	private static Instant createdAt(JsonNode row, JsonNode configuration, List<String> problems) {
		String value = text(configuration, "createDate");
		String field = "configuration.createDate";
		if (value == null) {
			value = text(row, "resourceCreationTime");
			field = "resourceCreationTime";
		}
		if (value == null) {
			problems.add("creation date missing");
			return null;
		}
		return instant(value, field, problems);
	}

	/**
	 * When the recorder captured the user: decides which region's row stands when several
	 * report it. Optional, as queries written before it was read may not select it.
	 */
	private static Instant capturedAt(JsonNode row, List<String> problems) {
		String value = text(row, "configurationItemCaptureTime");
		return (value != null) ? instant(value, "configurationItemCaptureTime", problems) : null;
	}

	/** The field's instant, {@code null} (and a problem) if it is not one. */
	private static Instant instant(String value, String field, List<String> problems) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			problems.add(field + " is not a date");
			return null;
		}
	}

	private static List<Tag> tags(JsonNode node, List<String> problems) {
		List<Tag> tags = list(node, "tags", tag -> {
			String key = text(tag, "key");
			return (key != null) ? new Tag(key, (tag.path("value").isString()) ? tag.get("value").stringValue() : "")
					: null;
		}, problems);
		long tooLong = tags.stream()
			.filter(tag -> tag.key().length() > MAX_TAG_KEY || tag.value().length() > MAX_TAG_VALUE)
			.count();
		if (tooLong > 0) {
			problems.add("tags: %d longer than IAM allows (key %d, value %d characters), cut".formatted(tooLong,
					MAX_TAG_KEY, MAX_TAG_VALUE));
			tags = tags.stream()
				.map(tag -> new Tag(Printable.cut(tag.key(), MAX_TAG_KEY), Printable.cut(tag.value(), MAX_TAG_VALUE)))
				.toList();
		}
		if (tags.size() > MAX_TAGS) {
			problems.add(tags.size() + " tags; only the first " + MAX_TAGS + " are kept");
			return List.copyOf(tags.subList(0, MAX_TAGS));
		}
		return tags;
	}

	private static <T> List<T> list(JsonNode node, String field, Function<JsonNode, T> element, List<String> problems) {
		if (node == null || node.isNull() || node.isMissingNode()) {
			return List.of();
		}
		if (!node.isArray()) {
			problems.add(field + " is not a list");
			return List.of();
		}
		List<T> values = new ArrayList<>();
		int unreadable = 0;
		for (JsonNode child : node.values()) {
			T value = element.apply(child);
			if (value != null) {
				values.add(value);
			}
			else {
				unreadable++;
			}
		}
		if (unreadable > 0) {
			problems.add(field + ": " + unreadable + " unreadable entr" + ((unreadable == 1) ? "y" : "ies"));
		}
		return List.copyOf(values);
	}

	private static String optionalText(JsonNode node, String field, String fallback, int maxLength,
			List<String> problems) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull()) {
			return fallback;
		}
		if (!value.isString() || value.stringValue().length() > maxLength) {
			problems.add(field + " unreadable");
			return fallback;
		}
		return value.stringValue();
	}

	static String text(JsonNode node, String field) {
		JsonNode value = (node != null) ? node.get(field) : null;
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	private static RejectedRow rejected(RawRow raw, String accountId, String reason) {
		return new RejectedRow(raw.rowNumber(), accountId, reason, excerpt(raw.json()));
	}

	/** The start of the row, printable: control characters become spaces. */
	static String excerpt(String json) {
		String text = (json != null) ? json : "";
		String cut = (text.length() > MAX_EXCERPT) ? text.substring(0, MAX_EXCERPT) + "…" : text;
		return cut.replaceAll("\\p{Cntrl}", " ");
	}

}
