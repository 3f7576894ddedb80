package io.iamuseraudit.activity;

import java.time.Instant;

/**
 * One row of an IAM credential report. Values the report gives as {@code N/A},
 * {@code no_information} or {@code not_supported} are {@code null}.
 */
public record CredentialReportRow(String user, String arn, Instant userCreationTime, Boolean passwordEnabled,
		Instant passwordLastUsed, Boolean mfaActive, AccessKey accessKey1, AccessKey accessKey2) {

	public static final String ROOT = "<root_account>";

}
