package io.iamuseraudit.attribution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

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

	/** What a source that read an account in part did say, until knownOnly is asked. */
	private final Map<String, Map<String, Creator>> partlyRead = new ConcurrentHashMap<>();

	public CreatorAttribution(KnownCreators knownCreators, CreatorSource source) {
		this.knownCreators = knownCreators;
		this.source = source;
	}

	/**
	 * @return a creator, known or not, for every user, by user id
	 * @throws io.iamuseraudit.account.AccountAccessException when the source cannot read
	 * the account (creators already known are not lost: the caller asks again)
	 */
	public Map<String, Creator> attribute(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
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
		if (!toFind.isEmpty()) {
			Map<String, Creator> found;
			try {
				found = this.source.findCreators(account, toFind, reportDate);
			}
			catch (CreatorsIncompleteException ex) {
				this.knownCreators.remember(account.id(), ex.creators(), reportDate);
				this.partlyRead.put(account.id(), ex.creators());
				throw ex;
			}
			this.knownCreators.remember(account.id(), found, reportDate);
			creators.putAll(found);
		}
		return creators;
	}

	/**
	 * Creators of an account that could not be read: those known from earlier audits (or
	 * found by a source that read the account in part, with its reasons for the others),
	 * the rest unknown.
	 */
	public Map<String, Creator> knownOnly(MemberAccount account, List<IamUser> users) {
		Map<String, Creator> known = this.knownCreators.ofAccount(account.id());
		Map<String, Creator> partly = Objects.requireNonNullElse(this.partlyRead.remove(account.id()), Map.of());
		Map<String, Creator> creators = new HashMap<>();
		for (IamUser user : users) {
			Creator creator = known.get(user.userId());
			creators.put(user.userId(), (creator != null) ? creator
					: partly.getOrDefault(user.userId(), Creator.unknown("account not accessible")));
		}
		return creators;
	}

}
