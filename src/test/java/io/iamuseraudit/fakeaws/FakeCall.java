package io.iamuseraudit.fakeaws;

import java.time.Instant;

/**
 * One call the fake answered, for assertions.
 *
 * @param service {@code config}, {@code organizations}, {@code cloudtrail}, {@code sts},
 * {@code iam}
 * @param protocol {@code awsJson1.1} or {@code awsQuery}, as the request arrived
 * @param accountId the calling account
 * @param signingRegion the region of the SigV4 credential scope
 * @param status the HTTP status answered
 * @param errorCode the error answered, {@code null} on success
 * @param request the request body
 */
public record FakeCall(String service, String operation, String protocol, String accountId, String signingRegion,
		Instant at, int status, String errorCode, String request) {

	public boolean succeeded() {
		return this.status == 200;
	}

}
