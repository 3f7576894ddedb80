package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The documents AWS holds about a {@link FakeUser}, in AWS's own shapes: the Config
 * configuration item (all queryable fields), the CloudTrail {@code CreateUser} record,
 * the credential report row.
 */
public final class FakeDocuments {

	private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

	private static final DateTimeFormatter REPORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx")
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter RESPONSE_CREATE_DATE = DateTimeFormatter
		.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
		.withZone(ZoneOffset.UTC);

	public static final String REPORT_HEADER = "user,arn,user_creation_time,password_enabled,password_last_used,"
			+ "password_last_changed,password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,"
			+ "access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,"
			+ "access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,"
			+ "access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,cert_1_last_rotated,"
			+ "cert_2_active,cert_2_last_rotated";

	private FakeDocuments() {
	}

	/** The user's configuration item with every field an advanced query can select. */
	public static ObjectNode configurationItem(FakeUser user, String region) {
		ObjectNode row = JSON.objectNode();
		row.put("accountId", user.accountId());
		row.put("awsRegion", region);
		row.put("arn", user.arn());
		row.put("resourceType", "AWS::IAM::User");
		row.put("resourceId", user.userId);
		row.put("resourceName", user.name);
		row.put("resourceCreationTime", iso(user.createdAt));
		row.put("configurationItemStatus", "OK");
		row.put("configurationItemCaptureTime", iso(user.account.organization.now().minusSeconds(3600)));
		ObjectNode configuration = row.putObject("configuration");
		configuration.put("path", user.path);
		configuration.put("userName", user.name);
		configuration.put("userId", user.userId);
		configuration.put("arn", user.arn());
		configuration.put("createDate", iso(user.createdAt));
		ArrayNode groups = configuration.putArray("groupList");
		user.groups.forEach(groups::add);
		ArrayNode attached = configuration.putArray("attachedManagedPolicies");
		user.attachedPolicies.forEach(name -> attached.addObject()
			.put("policyArn", "arn:aws:iam::aws:policy/" + name)
			.put("policyName", name));
		ArrayNode inline = configuration.putArray("userPolicyList");
		user.inlinePolicies.forEach(name -> inline.addObject().put("policyName", name).put("policyDocument", "%7B%7D"));
		ArrayNode tags = row.putArray("tags");
		user.tags.forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
		return row;
	}

	/** The configuration item Config keeps of a deleted user. */
	public static ObjectNode deletedItem(String accountId, String userName, String userId, Instant capturedAt) {
		ObjectNode row = JSON.objectNode();
		row.put("accountId", accountId);
		row.put("awsRegion", "us-east-1");
		row.put("arn", "arn:aws:iam::" + accountId + ":user/" + userName);
		row.put("resourceType", "AWS::IAM::User");
		row.put("resourceId", userId);
		row.put("resourceName", userName);
		row.put("configurationItemStatus", "ResourceDeleted");
		row.put("configurationItemCaptureTime", iso(capturedAt));
		row.putObject("configuration");
		row.putArray("tags");
		return row;
	}

	/**
	 * The successful {@code CreateUser} record, as LookupEvents and the trail's log files
	 * hold it.
	 */
	public static ObjectNode createUserRecord(FakeUser user) {
		String accountId = user.accountId();
		ObjectNode record = JSON.objectNode();
		record.put("eventVersion", "1.09");
		record.set("userIdentity", user.creator.identity().write(accountId));
		record.put("eventTime", iso(user.createdAt));
		record.put("eventSource", "iam.amazonaws.com");
		record.put("eventName", "CreateUser");
		record.put("awsRegion", "us-east-1");
		record.put("sourceIPAddress", "203.0.113.7");
		record.put("userAgent", "aws-cli/2.15.0");
		ObjectNode request = record.putObject("requestParameters");
		request.put("userName", user.name);
		request.put("path", user.path);
		ObjectNode created = record.putObject("responseElements").putObject("user");
		created.put("path", user.path);
		created.put("userName", user.name);
		created.put("userId", user.userId);
		created.put("arn", user.arn());
		created.put("createDate", RESPONSE_CREATE_DATE.format(user.createdAt));
		record.put("requestID", UUID.nameUUIDFromBytes(user.userId.getBytes()).toString());
		record.put("eventID", UUID.nameUUIDFromBytes((user.userId + "event").getBytes()).toString());
		record.put("readOnly", false);
		record.put("eventType", "AwsApiCall");
		record.put("managementEvent", true);
		record.put("recipientAccountId", accountId);
		record.put("eventCategory", "Management");
		return record;
	}

	/** A {@code CreateUser} that failed (the name was taken): not a creation. */
	public static ObjectNode failedCreateUserRecord(FakeUser user) {
		ObjectNode record = createUserRecord(user);
		record.put("eventTime", iso(user.createdAt.minusSeconds(30)));
		record.put("eventID", UUID.nameUUIDFromBytes((user.userId + "failed").getBytes()).toString());
		record.put("errorCode", "EntityAlreadyExists");
		record.put("errorMessage", "User with name " + user.name + " already exists.");
		record.remove("responseElements");
		return record;
	}

	/** The account's credential report, {@code <root_account>} first. */
	public static String credentialReport(FakeAccount account, Instant generatedAt) {
		List<String> lines = new ArrayList<>();
		lines.add(REPORT_HEADER);
		lines.add(String.join(",", "<root_account>", "arn:aws:iam::" + account.id + ":root",
				"2015-01-20T10:30:00+00:00", "not_supported", time(generatedAt.minusSeconds(86_400 * 20)),
				"not_supported", "not_supported", String.valueOf(account.rootMfa), "false", "N/A", "N/A", "N/A", "N/A",
				"false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "false", "N/A"));
		for (FakeUser user : account.users) {
			if (user.inCredentialReport) {
				lines.add(row(user));
			}
		}
		for (String name : account.credentialReportOnlyUsers) {
			lines.add(csvLine(name, "arn:aws:iam::" + account.id + ":user/" + name, time(generatedAt), "false", "N/A",
					"N/A", "N/A", "false", "false", "N/A", "N/A", "N/A", "N/A", "false", "N/A", "N/A", "N/A", "N/A",
					"false", "N/A", "false", "N/A"));
		}
		return String.join("\n", lines) + "\n";
	}

	private static String row(FakeUser user) {
		List<String> cells = new ArrayList<>(List.of(user.name, user.arn(), time(user.createdAt)));
		boolean password = Boolean.TRUE.equals(user.passwordEnabled);
		cells.add(String.valueOf(password));
		cells
			.add(password ? ((user.passwordLastUsed != null) ? time(user.passwordLastUsed) : "no_information") : "N/A");
		cells.add(password ? time(user.createdAt) : "N/A");
		cells.add("N/A");
		cells.add(String.valueOf(user.mfaActive));
		for (FakeUser.Key key : user.keys) {
			cells.add(String.valueOf(key.present && key.active));
			cells.add(key.present ? time(key.lastRotated) : "N/A");
			cells.add((key.lastUsed != null) ? time(key.lastUsed) : "N/A");
			cells.add((key.lastUsed != null) ? "us-east-1" : "N/A");
			cells.add((key.lastUsed != null) ? "s3" : "N/A");
		}
		cells.addAll(List.of("false", "N/A", "false", "N/A"));
		return csvLine(cells.toArray(String[]::new));
	}

	/** One CSV line, a cell quoted when it holds a comma, a quote or a line break. */
	static String csvLine(String... cells) {
		List<String> quoted = new ArrayList<>();
		for (String cell : cells) {
			boolean quote = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r");
			quoted.add(quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
		}
		return String.join(",", quoted);
	}

	static String iso(Instant instant) {
		return (instant != null) ? DateTimeFormatter.ISO_INSTANT.format(instant) : null;
	}

	static String time(Instant instant) {
		return (instant != null) ? REPORT_TIME.format(instant) : "N/A";
	}

}
