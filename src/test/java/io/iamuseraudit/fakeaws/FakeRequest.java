package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * One API call as a fake service sees it.
 *
 * @param accountId the calling account, from the access key id of the SigV4
 * {@code Authorization} header
 * @param json the body of an awsJson1.1 call, {@code null} for awsQuery
 * @param form the parameters of an awsQuery call, empty for awsJson1.1
 */
record FakeRequest(String service, String operation, String accountId, String accessKeyId, JsonNode json,
		Map<String, String> form, Instant at) {

	String param(String name) {
		return this.form.get(name);
	}

}
