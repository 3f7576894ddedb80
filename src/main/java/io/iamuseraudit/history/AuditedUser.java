package io.iamuseraudit.history;

import java.util.List;

import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.inventory.IamUser;

/**
 * One user as an audit saw it: inventory, owner, creator, activity, findings and how it
 * compares with the previous audit.
 *
 * @param notes what could not be read or found about the user
 */
public record AuditedUser(IamUser user, String accountName, Owner owner, Creator creator, UserActivity activity,
		List<Finding> findings, Comparison comparison, List<String> notes) {

	public Change change() {
		return this.comparison.change();
	}

}
