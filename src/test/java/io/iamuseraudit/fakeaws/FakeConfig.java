package io.iamuseraudit.fakeaws;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Config's aggregator API (awsJson1.1, {@code StarlingDoveService.*}):
 * {@code SelectAggregateResourceConfig}, paged with {@code Limit} ≤ 100 and opaque next
 * tokens, and {@code DescribeConfigurationAggregatorSourcesStatus}. Thread-safe.
 */
final class FakeConfig {

	private static final int MAX_LIMIT = 100;

	private volatile Cached cached;

	private final RateLimit rateLimit = new RateLimit();

	void requestsPerSecond(int rate) {
		this.rateLimit.perSecond(rate);
	}

	JsonNode handle(FakeRequest request, FakeOrganization organization) {
		JsonNode body = request.json();
		if (!organization.aggregatorName().equals(body.path("ConfigurationAggregatorName").asString(""))) {
			throw new AwsError(400, "NoSuchConfigurationAggregatorException",
					"The configuration aggregator does not exist. Check the configuration aggregator name and try again.");
		}
		return switch (request.operation()) {
			case "SelectAggregateResourceConfig" -> {
				this.rateLimit.admit();
				yield select(body, organization);
			}
			case "DescribeConfigurationAggregatorSourcesStatus" -> sourcesStatus(organization);
			default -> throw new AwsError(400, "UnknownOperationException", request.operation());
		};
	}

	private JsonNode select(JsonNode body, FakeOrganization organization) {
		String expressionText = body.path("Expression").asString(null);
		SelectExpression expression = SelectExpression.parse(expressionText);
		int limit = body.path("Limit").asInt(0);
		if (limit < 0 || limit > MAX_LIMIT) {
			throw new AwsError(400, "InvalidLimitException", "Limit must be between 0 and 100");
		}
		int pageSize = (limit == 0) ? MAX_LIMIT : limit;
		List<String> rows = rows(organization, expressionText, expression);
		int from = offset(body.path("NextToken").asString(null), expressionText);
		int to = Math.min(from + pageSize, rows.size());
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ArrayNode results = response.putArray("Results");
		rows.subList(from, to).forEach(results::add);
		ArrayNode selectFields = response.putObject("QueryInfo").putArray("SelectFields");
		expression.fields().forEach(field -> selectFields.addObject().put("Name", field));
		if (to < rows.size()) {
			response.put("NextToken", token(to, expressionText));
		}
		return response;
	}

	private List<String> rows(FakeOrganization organization, String text, SelectExpression expression) {
		Cached current = this.cached;
		if (current != null && current.organization == organization && current.expression.equals(text)) {
			return current.rows;
		}
		List<String> rows = new ArrayList<>();
		organization.accounts.values().stream().sorted(Comparator.comparing(FakeAccount::id)).forEach(account -> {
			for (FakeUser user : account.users) {
				if (user.inInventory) {
					rows.add(expression.project(FakeDocuments.configurationItem(user, "us-east-1")).toString());
					user.extraRegions.forEach(region -> rows
						.add(expression.project(FakeDocuments.configurationItem(user, region)).toString()));
				}
			}
			organization.deletedUsers.stream()
				.filter(deleted -> deleted[0].equals(account.id))
				.forEach(deleted -> rows.add(expression
					.project(FakeDocuments.deletedItem(deleted[0], deleted[1], deleted[2], organization.now()))
					.toString()));
		});
		rows.addAll(organization.rawConfigRows);
		this.cached = new Cached(organization, text, List.copyOf(rows));
		return this.cached.rows;
	}

	private JsonNode sourcesStatus(FakeOrganization organization) {
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ArrayNode list = response.putArray("AggregatedSourceStatusList");
		List<FakeOrganization.SourceStatus> statuses = organization.sourceStatuses.isEmpty()
				? organization.accounts.values()
					.stream()
					.map(account -> new FakeOrganization.SourceStatus(account.id, "ACCOUNT", "us-east-1", "SUCCEEDED",
							organization.now().minusSeconds(1800), null, null))
					.toList()
				: organization.sourceStatuses;
		for (FakeOrganization.SourceStatus status : statuses) {
			ObjectNode item = list.addObject();
			item.put("SourceId", status.sourceId());
			item.put("SourceType", status.sourceType());
			item.put("AwsRegion", status.region());
			item.put("LastUpdateStatus", status.status());
			if (status.lastUpdate() != null) {
				item.put("LastUpdateTime", status.lastUpdate().getEpochSecond());
			}
			if (status.errorCode() != null) {
				item.put("LastErrorCode", status.errorCode());
				item.put("LastErrorMessage", status.errorMessage());
			}
		}
		return response;
	}

	private static String token(int offset, String expression) {
		String plain = offset + ":" + expression.hashCode();
		return Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	private static int offset(String token, String expression) {
		if (token == null || token.isEmpty()) {
			return 0;
		}
		try {
			String[] parts = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).split(":");
			if (parts.length == 2 && parts[1].equals(String.valueOf(expression.hashCode()))) {
				return Integer.parseInt(parts[0]);
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the error below
		}
		throw new AwsError(400, "InvalidNextTokenException", "The specified next token is invalid.");
	}

	private record Cached(FakeOrganization organization, String expression, List<String> rows) {
	}

}
