package io.iamuseraudit.history;

import java.time.Instant;
import java.util.List;

/**
 * How far an audit got with one account.
 *
 * @param fullyAudited whether creators and activity could be read
 * @param problems why not, when not
 * @param rootMfaActive whether the root user has MFA, {@code null} if unknown
 * @param rootActiveKeys active access keys of the root user, {@code null} if unknown
 * @param credentialReportAt when the credential report used was generated
 * @param unmatchedReportUsers users in the credential report the inventory does not know
 */
public record AccountStatus(String accountId, String accountName, int users, boolean fullyAudited,
		List<String> problems, Boolean rootMfaActive, Integer rootActiveKeys, Instant credentialReportAt,
		List<String> unmatchedReportUsers) {

	public boolean rootWithoutMfa() {
		return Boolean.FALSE.equals(this.rootMfaActive);
	}

	public boolean rootWithActiveKeys() {
		return this.rootActiveKeys != null && this.rootActiveKeys > 0;
	}

	/** Whether the root user needs securing: known to lack MFA or to have active keys. */
	public boolean rootAtRisk() {
		return rootWithoutMfa() || rootWithActiveKeys();
	}

}
