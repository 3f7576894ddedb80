package io.iamuseraudit.fakeaws;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * AWS Organizations {@code ListAccounts} (awsJson1.1,
 * {@code AWSOrganizationsV20161128.*}), pages of 20. Thread-safe.
 */
final class FakeOrganizations {

	private static final int PAGE = 20;

	JsonNode handle(FakeRequest request, FakeOrganization organization) {
		if (!request.operation().equals("ListAccounts")) {
			throw new AwsError(400, "UnknownOperationException", request.operation());
		}
		switch (organization.organizationsAccess) {
			case DENIED ->
				throw new AwsError(400, "AccessDeniedException", "You don't have permissions to access this resource.");
			case NOT_IN_ORGANIZATION -> throw new AwsError(400, "AWSOrganizationsNotInUseException",
					"Your account is not a member of an organization.");
			default -> {
			}
		}
		List<FakeAccount> accounts = organization.accounts();
		int from = request.json().path("NextToken").isString()
				? Integer.parseInt(request.json().path("NextToken").asString()) : 0;
		int to = Math.min(from + PAGE, accounts.size());
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ArrayNode list = response.putArray("Accounts");
		for (FakeAccount account : accounts.subList(from, to)) {
			ObjectNode item = list.addObject();
			item.put("Id", account.id);
			item.put("Arn", "arn:aws:organizations::" + FakeOrganization.ADMIN_ACCOUNT + ":account/"
					+ FakeOrganization.ORGANIZATION_ID + "/" + account.id);
			item.put("Email", account.name + "@example.com");
			item.put("Name", account.name);
			item.put("Status", "ACTIVE");
			item.put("JoinedMethod", "CREATED");
			item.put("JoinedTimestamp", organization.now().minusSeconds(86_400L * 900).getEpochSecond());
		}
		if (to < accounts.size()) {
			response.put("NextToken", String.valueOf(to));
		}
		return response;
	}

}
