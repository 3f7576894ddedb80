package io.iamuseraudit.account;

import java.util.LinkedHashMap;
import java.util.Map;

import io.iamuseraudit.inventory.SampleOrganization;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account names from the sample organization's {@code accounts.json} (ListAccounts
 * output).
 */
public final class SampleAccountDirectory implements AccountDirectory {

	private final SampleOrganization organization;

	private final JsonMapper json;

	public SampleAccountDirectory(SampleOrganization organization, JsonMapper json) {
		this.organization = organization;
		this.json = json;
	}

	@Override
	public Map<String, String> accountNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (JsonNode account : this.json.readTree(this.organization.accounts()).path("Accounts").values()) {
			names.put(account.path("Id").asString(), account.path("Name").asString());
		}
		return names;
	}

}
