package io.iamuseraudit.history;

import java.util.List;

import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.inventory.IamUser;

/**
 * One user as an audit saw it: inventory, owner, creator, activity, findings and change.
 *
 * @param change {@code null} in the first audit (the baseline)
 * @param notes what could not be read or found about the user
 */
public record AuditedUser(IamUser user, String accountName, Owner owner, Creator creator, UserActivity activity,
		List<Finding> findings, Change change, String changeDetail, List<String> notes) {
}
