package io.iamuseraudit.attribution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.inventory.IamUser;

/**
 * Finds who created each user of an account: creators already known from earlier audits
 * first, then the configured source; what the source finds is remembered, also when it
 * could read the account only in part. Thread-safe.
 */
public final class CreatorAttribution {

	private final KnownCreators knownCreators;

	private final CreatorSource source;

	public CreatorAttribution(KnownCreators knownCreators, CreatorSource source) {
		this.knownCreators = knownCreators;
		this.source = source;
	}

	/**
	 * A creator, known or not, for every user; when the source could not read everything,
	 * why.
	 */
	public Attribution attribute(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
		Map<String, Creator> known = this.knownCreators.ofAccount(account.id());
		Map<String, Creator> creators = new HashMap<>();
		List<IamUser> toFind = new ArrayList<>();
		for (IamUser user : users) {
			Creator creator = known.get(user.userId());
			if (creator != null) {
				creators.put(user.userId(), creator);
			}
			else {
				toFind.add(user);
			}
		}
		if (toFind.isEmpty()) {
			return new Attribution(creators, null);
		}
		try {
			creators.putAll(found(account, this.source.findCreators(account, toFind, reportDate), reportDate));
			return new Attribution(creators, null);
		}
		catch (CreatorsIncompleteException ex) {
			creators.putAll(found(account, ex.creators(), reportDate));
			return new Attribution(creators, ex.getMessage());
		}
		catch (AccountAccessException ex) {
			toFind.forEach(user -> creators.put(user.userId(), Creator.unknown("account not accessible")));
			return new Attribution(creators, ex.getMessage());
		}
	}

	private Map<String, Creator> found(MemberAccount account, Map<String, Creator> found, LocalDate reportDate) {
		this.knownCreators.remember(account.id(), found, reportDate);
		return found;
	}

	/**
	 * The creators of an account's users.
	 *
	 * @param creators by user id, one for every user: found, or unknown with the reason
	 * @param problem why some could not be looked up, {@code null} when all could
	 */
	public record Attribution(Map<String, Creator> creators, String problem) {
	}

}
