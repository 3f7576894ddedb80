package io.iamuseraudit.attribution;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import io.iamuseraudit.Printable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads CloudTrail records of {@code CreateUser} (the JSON that {@code LookupEvents}
 * returns as {@code CloudTrailEvent}, or one element of a trail log file's
 * {@code Records}) and classifies who made the call. Thread-safe.
 * <p>
 * People: IAM users, root, Identity Center users, permission-set role sessions
 * ({@code AWSReservedSSO_*}) and role sessions named like an email address. Automation:
 * calls made through an AWS service ({@code invokedBy}) and other role sessions.
 */
public final class CreateUserEvents {

	private static final String SSO_ROLE_PREFIX = "AWSReservedSSO_";

	private final JsonMapper json;

	public CreateUserEvents(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Reads one record.
	 * @return the event, or {@code null} when the record is not a successful
	 * {@code CreateUser}
	 * @throws IllegalArgumentException when the record cannot be read, with the reason
	 */
	public CreateUserEvent parse(String record) {
		if (record == null) {
			throw new IllegalArgumentException("event without a CloudTrail record");
		}
		try {
			return parse(this.json.readTree(record));
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("invalid JSON: " + ex.getOriginalMessage());
		}
	}

	/** Reads one record already parsed as JSON; see {@link #parse(String)}. */
	public CreateUserEvent parse(JsonNode record) {
		if (!"CreateUser".equals(text(record, "eventName")) || record.hasNonNull("errorCode")) {
			return null;
		}
		String userName = text(record.path("requestParameters"), "userName");
		if (userName == null) {
			throw new IllegalArgumentException("CreateUser event without requestParameters.userName");
		}
		Instant eventTime;
		try {
			eventTime = Instant.parse(String.valueOf(text(record, "eventTime")));
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("CreateUser event without a readable eventTime");
		}
		String userId = text(record.path("responseElements").path("user"), "userId");
		return new CreateUserEvent(text(record, "recipientAccountId"), userName, userId, eventTime,
				printable(creator(record.path("userIdentity"), eventTime)));
	}

	/** The creator as the history keeps it: printable, within its columns' sizes. */
	private static Creator printable(Creator creator) {
		return new Creator(Printable.line(creator.principal(), 1000), creator.type(), creator.kind(),
				Printable.line(creator.detail(), 2000), creator.eventTime(), creator.source());
	}

	static Creator creator(JsonNode identity, Instant eventTime) {
		if (!identity.isObject()) {
			return Creator.unknown("CreateUser event without userIdentity");
		}
		String type = Objects.requireNonNullElse(text(identity, "type"), "(none)");
		String arn = text(identity, "arn");
		String invokedBy = text(identity, "invokedBy");
		if (invokedBy != null || "AWSService".equals(type)) {
			String service = (invokedBy != null) ? invokedBy : "AWS service";
			String onBehalfOf = "AWSService".equals(type) ? service : "on behalf of " + describe(identity);
			return new Creator(service, CreatorType.AWS_SERVICE, CreatorKind.AUTOMATION, onBehalfOf, eventTime, null);
		}
		return switch (type) {
			case "IAMUser" -> new Creator(Objects.requireNonNullElse(text(identity, "userName"), describe(identity)),
					CreatorType.IAM_USER, CreatorKind.PERSON, arn, eventTime, null);
			case "Root" -> new Creator("root", CreatorType.ROOT, CreatorKind.PERSON,
					"root user of account " + text(identity, "accountId"), eventTime, null);
			case "AssumedRole" -> assumedRole(identity, arn, eventTime);
			case "IdentityCenterUser" ->
				new Creator(Objects.requireNonNullElse(text(identity.path("onBehalfOf"), "userId"), describe(identity)),
						CreatorType.IDENTITY_CENTER_USER, CreatorKind.PERSON,
						text(identity.path("onBehalfOf"), "identityStoreArn"), eventTime, null);
			default -> new Creator((arn != null) ? arn : type, CreatorType.UNKNOWN, CreatorKind.UNKNOWN,
					"unrecognised userIdentity type " + type, eventTime, null);
		};
	}

	private static Creator assumedRole(JsonNode identity, String arn, Instant eventTime) {
		String role = text(identity.path("sessionContext").path("sessionIssuer"), "userName");
		String session = (arn != null) ? arn.substring(arn.lastIndexOf('/') + 1) : "?";
		if (role == null) {
			role = roleFromArn(arn);
		}
		if (role.startsWith(SSO_ROLE_PREFIX)) {
			return new Creator(session, CreatorType.ASSUMED_ROLE, CreatorKind.PERSON,
					"IAM Identity Center, permission set " + permissionSet(role), eventTime, null);
		}
		CreatorKind kind = session.contains("@") ? CreatorKind.PERSON : CreatorKind.AUTOMATION;
		return new Creator(role + "/" + session, CreatorType.ASSUMED_ROLE, kind, arn, eventTime, null);
	}

	/**
	 * {@code AWSReservedSSO_AdministratorAccess_1a2b3c4d} names permission set
	 * {@code AdministratorAccess}.
	 */
	static String permissionSet(String ssoRole) {
		String rest = ssoRole.substring(SSO_ROLE_PREFIX.length());
		int suffix = rest.lastIndexOf('_');
		return (suffix > 0) ? rest.substring(0, suffix) : rest;
	}

	private static String roleFromArn(String arn) {
		// arn:aws:sts::<account>:assumed-role/<role>/<session>
		if (arn == null || !arn.contains(":assumed-role/")) {
			return "?";
		}
		String path = arn.substring(arn.indexOf(":assumed-role/") + ":assumed-role/".length());
		return (path.indexOf('/') > 0) ? path.substring(0, path.indexOf('/')) : path;
	}

	private static String describe(JsonNode identity) {
		String arn = text(identity, "arn");
		return (arn != null) ? arn : Objects.requireNonNullElse(text(identity, "type"), "unknown principal");
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

}
