package io.iamuseraudit.enrichment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.activity.ActivityJoin;
import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.CredentialReport;
import io.iamuseraudit.activity.CredentialReportRow;
import io.iamuseraudit.activity.CredentialReportSource;
import io.iamuseraudit.activity.Finding;
import io.iamuseraudit.activity.FindingsEvaluator;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.CreatorAttribution;
import io.iamuseraudit.attribution.CreatorAttribution.Attribution;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.attribution.OwnerResolver;
import io.iamuseraudit.history.AccountStatus;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Comparison;
import io.iamuseraudit.inventory.IamUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.dao.DataAccessException;

/**
 * Enriches the users of one account: owner, creator, activity, findings. An account (or
 * one of its services) that cannot be read keeps all its users, with the reason.
 * Thread-safe: accounts are enriched in parallel.
 */
public final class AccountEnricher {

	private static final Log logger = LogFactory.getLog(AccountEnricher.class);

	private final OwnerResolver owners;

	private final CreatorAttribution creators;

	private final CredentialReportSource credentialReports;

	private final FindingsEvaluator findings;

	public AccountEnricher(OwnerResolver owners, CreatorAttribution creators, CredentialReportSource credentialReports,
			FindingsEvaluator findings) {
		this.owners = owners;
		this.creators = creators;
		this.credentialReports = credentialReports;
		this.findings = findings;
	}

	/** Starts what AWS needs time to prepare for an account (its credential report). */
	public void prepare(MemberAccount account, LocalDate reportDate) {
		this.credentialReports.prepare(account, reportDate);
	}

	/**
	 * Enriches the users of an account. An unexpected error (a bug, an unforeseen answer)
	 * costs only the account's enrichment: its users are kept, and the account is not
	 * fully audited, with the reason. A history database error fails the step instead, so
	 * that the restart enriches the account again.
	 */
	public EnrichedAccount enrich(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
		try {
			return enrichFully(account, users, reportDate);
		}
		catch (DataAccessException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			logger.error("Cannot enrich account %s; its %d user(s) are reported without creators and activity"
				.formatted(account.id(), users.size()), ex);
			return notEnriched(account, users, reportDate, ex);
		}
	}

	private EnrichedAccount enrichFully(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
		List<String> problems = new ArrayList<>();
		Attribution attribution = this.creators.attribute(account, users, reportDate);
		if (attribution.problem() != null) {
			problems.add("creators: " + attribution.problem());
		}
		Map<String, Creator> creatorsById = attribution.creators();
		CredentialReport report = null;
		try {
			report = this.credentialReports.fetch(account, reportDate);
		}
		catch (AccountAccessException ex) {
			problems.add("credential report: " + ex.getMessage());
		}
		ActivityJoin join = (report != null) ? new ActivityJoin(report) : null;
		List<AuditedUser> enriched = new ArrayList<>(users.size());
		for (IamUser user : users) {
			enriched.add(enrich(user, account, creatorsById.get(user.userId()), join, report, reportDate));
		}
		return new EnrichedAccount(enriched, status(account, users.size(), problems, report, join));
	}

	private AuditedUser enrich(IamUser user, MemberAccount account, Creator creator, ActivityJoin join,
			CredentialReport report, LocalDate reportDate) {
		Owner owner = this.owners.resolve(user.tags());
		UserActivity activity = (join != null) ? join.activityOf(user, reportDate)
				: UserActivity.unknown(ActivityStatus.UNAVAILABLE);
		List<String> notes = new ArrayList<>();
		if (activity.status() == ActivityStatus.NOT_IN_CREDENTIAL_REPORT) {
			notes.add("not in the credential report generated " + report.generatedAt()
					+ " (created after it, or the report lags)");
		}
		if (activity.status() == ActivityStatus.UNAVAILABLE) {
			notes.add("activity unknown: credential report not available");
		}
		Creator known = (creator != null) ? creator : Creator.unknown("not looked up");
		return new AuditedUser(user, account.name(), owner, known, activity,
				this.findings.evaluate(user, owner, activity, reportDate), Comparison.NONE, notes);
	}

	private EnrichedAccount notEnriched(MemberAccount account, List<IamUser> users, LocalDate reportDate,
			RuntimeException ex) {
		List<AuditedUser> kept = new ArrayList<>(users.size());
		for (IamUser user : users) {
			kept.add(notEnriched(user, account, reportDate));
		}
		String problem = "not enriched: unexpected error: " + describe(ex);
		return new EnrichedAccount(kept, new AccountStatus(account.id(), account.name(), users.size(), false,
				List.of(problem), null, null, null, List.of()));
	}

	private AuditedUser notEnriched(IamUser user, MemberAccount account, LocalDate reportDate) {
		UserActivity activity = UserActivity.unknown(ActivityStatus.UNAVAILABLE);
		Owner owner = Owner.NONE;
		List<Finding> found = List.of();
		try {
			owner = this.owners.resolve(user.tags());
			found = this.findings.evaluate(user, owner, activity, reportDate);
		}
		catch (RuntimeException ex) {
			// What failed may be these: the user is kept with what could be had.
		}
		return new AuditedUser(user, account.name(), owner, Creator.unknown("account not enriched"), activity, found,
				Comparison.NONE, List.of("not enriched: unexpected error, see the account's problems"));
	}

	private static String describe(RuntimeException ex) {
		return ex.getClass().getSimpleName() + ((ex.getMessage() != null) ? ": " + ex.getMessage() : "");
	}

	private static AccountStatus status(MemberAccount account, int users, List<String> problems,
			CredentialReport report, ActivityJoin join) {
		CredentialReportRow root = (report != null) ? report.root() : null;
		Integer rootKeys = (root != null) ? (root.accessKey1().active() ? 1 : 0) + (root.accessKey2().active() ? 1 : 0)
				: null;
		List<String> allProblems = new ArrayList<>(problems);
		List<String> reportOnly = (join != null) ? join.unmatchedReportUsers() : List.of();
		if (!reportOnly.isEmpty()) {
			allProblems.add(
					"credential report lists %d user(s) the inventory lacks, not audited (created since the aggregator last synced?): %s"
						.formatted(reportOnly.size(),
								String.join(", ", reportOnly.subList(0, Math.min(10, reportOnly.size())))
										+ ((reportOnly.size() > 10) ? ", …" : "")));
		}
		if (report != null && !report.problems().isEmpty()) {
			allProblems.add("credential report: " + report.problems().size() + " unreadable values, e.g. "
					+ report.problems().get(0));
		}
		return new AccountStatus(account.id(), account.name(), users, allProblems.isEmpty(), List.copyOf(allProblems),
				(root != null) ? root.mfaActive() : null, rootKeys, (report != null) ? report.generatedAt() : null,
				reportOnly);
	}

	/** One account's users, enriched, and what could be read of the account. */
	public record EnrichedAccount(List<AuditedUser> users, AccountStatus status) {
	}

}
