package io.iamuseraudit.fakeaws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SELECT list of an AWS Config advanced query, and the projection of a configuration
 * item onto it, nested by path as Config returns it ({@code configuration.createDate} →
 * {@code {"configuration":{"createDate":…}}}). Refuses what Config refuses: FROM, an
 * unknown property, {@code SELECT *} is allowed but omits configuration and tags.
 */
record SelectExpression(List<String> fields, boolean star) {

	private static final Pattern SELECT = Pattern.compile(
			"^\\s*SELECT\\s+(.+?)(\\s+WHERE\\s+.*|\\s+ORDER\\s+BY\\s+.*|\\s+GROUP\\s+BY\\s+.*)?$",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Set<String> TOP_LEVEL = Set.of("accountId", "awsRegion", "arn", "resourceType", "resourceId",
			"resourceName", "resourceCreationTime", "configurationItemStatus", "configurationItemCaptureTime",
			"availabilityZone", "configuration", "tags", "supplementaryConfiguration", "version");

	private static final Set<String> USER_CONFIGURATION = Set.of("path", "userName", "userId", "arn", "createDate",
			"groupList", "attachedManagedPolicies", "userPolicyList", "permissionsBoundary", "tags");

	private static final List<String> STAR = List.of("accountId", "awsRegion", "arn", "resourceType", "resourceId",
			"resourceName", "resourceCreationTime", "configurationItemStatus", "configurationItemCaptureTime");

	static SelectExpression parse(String expression) {
		if (expression == null || expression.length() > 4096) {
			throw invalid("The expression is missing or longer than 4096 characters");
		}
		if (Pattern.compile("\\bFROM\\b", Pattern.CASE_INSENSITIVE).matcher(expression).find()) {
			throw invalid("Invalid expression: FROM is not supported");
		}
		Matcher matcher = SELECT.matcher(expression);
		if (!matcher.matches()) {
			throw invalid("Invalid expression: it must start with SELECT");
		}
		List<String> fields = new ArrayList<>();
		for (String field : matcher.group(1).split(",")) {
			String name = field.strip();
			if (name.equals("*")) {
				return new SelectExpression(STAR, true);
			}
			if (!known(name)) {
				throw invalid("Invalid property: " + name);
			}
			fields.add(name);
		}
		return new SelectExpression(List.copyOf(fields), false);
	}

	private static boolean known(String name) {
		String[] path = name.split("\\.", 2);
		if (path.length == 1) {
			return TOP_LEVEL.contains(name);
		}
		return path[0].equals("configuration") && USER_CONFIGURATION.contains(path[1])
				|| path[0].equals("tags") && Set.of("key", "value").contains(path[1]);
	}

	ObjectNode project(ObjectNode item) {
		ObjectNode projected = JsonNodeFactory.instance.objectNode();
		for (String field : this.fields) {
			String[] path = field.split("\\.");
			JsonNode value = item;
			for (String part : path) {
				value = (value != null) ? value.get(part) : null;
			}
			if (value == null) {
				continue;
			}
			ObjectNode parent = projected;
			for (int i = 0; i < path.length - 1; i++) {
				parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
			}
			parent.set(path[path.length - 1], value.deepCopy());
		}
		return projected;
	}

	private static AwsError invalid(String message) {
		return new AwsError(400, "InvalidExpressionException", message);
	}

}
