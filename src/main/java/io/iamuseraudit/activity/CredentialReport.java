package io.iamuseraudit.activity;

import java.time.Instant;
import java.util.List;

/**
 * An account's IAM credential report.
 *
 * @param generatedAt when IAM generated it
 * @param users the rows of IAM users (the root row excluded)
 * @param root the root user's row, {@code null} if the report has none
 * @param problems values that could not be read
 */
public record CredentialReport(Instant generatedAt, List<CredentialReportRow> users, CredentialReportRow root,
		List<String> problems) {
}
