package io.iamuseraudit.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.iamuseraudit.InvalidConfigurationException;
import io.iamuseraudit.OperatorFiles;

import org.springframework.core.io.Resource;

/**
 * The operator's inventory query ({@code jobs/iam-users.sql}), checked before anything is
 * run: it must select every field the job reads and filter on {@code AWS::IAM::User}.
 * Comments ({@code --}) are removed and whitespace collapsed before it is sent.
 *
 * @param location where the query was read from, for messages
 * @param expression the query as sent to AWS Config
 */
public record InventoryQuery(String location, String expression) {

	/**
	 * Fields the job reads from every row; {@code configuration} alone covers its
	 * sub-fields.
	 */
	static final List<String> REQUIRED_FIELDS = List.of("accountId", "awsRegion", "arn", "resourceId", "resourceName",
			"configurationItemStatus", "configuration.createDate", "configuration.path", "configuration.groupList",
			"configuration.attachedManagedPolicies", "configuration.userPolicyList", "tags");

	private static final int MAX_LENGTH = 4096;

	private static final Pattern SELECT_LIST = Pattern.compile(
			"^SELECT\\s+(.+?)(?:\\s+(?:WHERE|ORDER\\s+BY|GROUP\\s+BY)\\s.*)?$",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	public static InventoryQuery load(String location) {
		Resource resource = OperatorFiles.locate(location);
		if (!resource.exists()) {
			throw new InvalidConfigurationException(
					"The inventory query " + location + " does not exist (audit.aws.config.query-file)");
		}
		return parse(location, OperatorFiles.read(resource));
	}

	static InventoryQuery parse(String location, String text) {
		String expression = text.replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").strip();
		expression = expression.endsWith(";") ? expression.substring(0, expression.length() - 1).strip() : expression;
		Matcher select = SELECT_LIST.matcher(expression);
		if (!select.matches()) {
			throw refused(location, "it must be an AWS Config advanced query starting with SELECT");
		}
		if (expression.length() > MAX_LENGTH) {
			throw refused(location,
					"it is " + expression.length() + " characters long; AWS Config accepts " + MAX_LENGTH);
		}
		List<String> missing = missingFields(selected(select.group(1)));
		if (!missing.isEmpty()) {
			throw refused(location, "it does not select " + String.join(", ", missing)
					+ " (the job needs every one of: " + String.join(", ", REQUIRED_FIELDS) + ")");
		}
		if (!expression.contains("'AWS::IAM::User'")) {
			throw refused(location, "it must keep the condition resourceType = 'AWS::IAM::User'");
		}
		return new InventoryQuery(location, expression);
	}

	private static Set<String> selected(String selectList) {
		Set<String> fields = new LinkedHashSet<>();
		for (String field : selectList.split(",")) {
			fields.add(field.strip());
		}
		return fields;
	}

	private static List<String> missingFields(Set<String> selected) {
		List<String> missing = new ArrayList<>();
		for (String required : REQUIRED_FIELDS) {
			boolean coveredByParent = required.startsWith("configuration.") && selected.contains("configuration");
			if (!selected.contains(required) && !coveredByParent) {
				missing.add(required);
			}
		}
		return missing;
	}

	private static InvalidConfigurationException refused(String location, String reason) {
		return new InvalidConfigurationException("The inventory query " + location + " is refused: " + reason);
	}

}
