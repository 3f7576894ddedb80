package io.iamuseraudit.inventory;

import java.time.Instant;
import java.util.List;

/**
 * One IAM user as the inventory reports it.
 *
 * @param accountId the member account
 * @param userId the IAM unique id ({@code AIDA…}); a user deleted and re-created under
 * the same name gets a new one
 * @param createdAt when IAM created the user, {@code null} when the inventory does not
 * say
 * @param regions regions whose recorder reported the user (IAM is global, so several can)
 */
public record IamUser(String accountId, String userId, String userName, String arn, String path, Instant createdAt,
		List<Tag> tags, List<String> groups, List<String> attachedPolicies, List<String> inlinePolicies,
		List<String> regions) {
}
