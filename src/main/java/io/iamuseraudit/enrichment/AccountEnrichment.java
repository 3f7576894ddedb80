package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.enrichment.AccountEnricher.EnrichedAccount;
import io.iamuseraudit.history.AccountStatuses;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditedUsers;
import io.iamuseraudit.inventory.IamUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Enriches one account of an audit and commits it: its users, its status (which marks it
 * enriched) and the API calls it took, together, so that a restart resumes with the
 * accounts not committed yet. Thread-safe.
 */
public final class AccountEnrichment {

	private static final Log logger = LogFactory.getLog(AccountEnrichment.class);

	private final AuditedUsers users;

	private final AccountStatuses accounts;

	private final AccountEnricher enricher;

	private final ApiCalls apiCalls;

	private final ApiCallCounter apiCallCounter;

	private final TransactionTemplate transaction;

	public AccountEnrichment(AuditedUsers users, AccountStatuses accounts, AccountEnricher enricher, ApiCalls apiCalls,
			ApiCallCounter apiCallCounter, TransactionTemplate transaction) {
		this.users = users;
		this.accounts = accounts;
		this.enricher = enricher;
		this.apiCalls = apiCalls;
		this.apiCallCounter = apiCallCounter;
		this.transaction = transaction;
	}

	/** Asks AWS to start preparing what the account's enrichment will read. */
	void prepare(MemberAccount account, LocalDate reportDate) {
		try {
			this.enricher.prepare(account, reportDate);
		}
		catch (RuntimeException ex) {
			logger.warn("Cannot ask ahead for the credential report of account %s (enriching it will ask again)"
				.formatted(account.id()), ex);
		}
	}

	/** Enriches and commits the account; returns its number of users. */
	int enrich(MemberAccount account, LocalDate reportDate) {
		List<IamUser> accountUsers = this.users.ofAccount(reportDate, account.id());
		EnrichedAccount enriched = this.enricher.enrich(account, accountUsers, reportDate);
		this.transaction.executeWithoutResult((status) -> {
			this.users.enrich(reportDate, enriched.users());
			this.accounts.complete(reportDate, enriched.status());
			this.apiCalls.add(reportDate, account.id(), this.apiCallCounter.drain(account.id()));
		});
		return accountUsers.size();
	}

}
