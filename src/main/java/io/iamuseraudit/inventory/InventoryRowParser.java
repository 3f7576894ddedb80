package io.iamuseraudit.inventory;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

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
		List<Tag> tags = tags(row.get("tags"), problems);
		List<String> groups = list(configuration.get("groupList"), "configuration.groupList",
				node -> node.isString() ? node.stringValue() : null, problems);
		List<String> attached = list(configuration.get("attachedManagedPolicies"),
				"configuration.attachedManagedPolicies", node -> text(node, "policyName"), problems);
		List<String> inline = list(configuration.get("userPolicyList"), "configuration.userPolicyList",
				node -> text(node, "policyName"), problems);
		String region = text(row, "awsRegion");
		IamUser user = new IamUser(accountId, userId, userName, arn, path, createdAt, tags, groups, attached, inline,
				(region != null) ? List.of(region) : List.of());
		return new LiveUser(user, List.copyOf(problems));
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
