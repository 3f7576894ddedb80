package io.iamuseraudit.attribution;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.inventory.IamUser;

/** Where the {@code CreateUser} events of an account's users are looked up. */
public interface CreatorSource {

	/**
	 * Finds who created the given users of one account.
	 * @param reportDate the audit's date: it names the member-account session
	 * (CloudTrail's 90 days count back from now, as CloudTrail keeps them; the sample
	 * counts from it)
	 * @return by user id, a creator for every given user: the one found, or an unknown
	 * creator that says why
	 * @throws io.iamuseraudit.account.AccountAccessException when the account's records
	 * cannot be read
	 */
	Map<String, Creator> findCreators(MemberAccount account, List<IamUser> users, LocalDate reportDate);

}
