package io.iamuseraudit.attribution;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.account.MemberAccountCredentials;
import io.iamuseraudit.attribution.CloudTrailRetention.OrgTrail;
import io.iamuseraudit.aws.AccountRateLimiter;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.aws.AwsErrors;
import io.iamuseraudit.inventory.IamUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.Event;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.cloudtrail.model.LookupEventsResponse;

/**
 * Creators from CloudTrail. Users created inside the event history's 90 days: one sweep
 * of the account's {@code CreateUser} events (LookupEvents in us-east-1, where IAM's
 * events are, with the account's own credentials), from just before the earliest such
 * creation, 50 events a page, at most 2 requests a second per account, stopping as soon
 * as every user is found. An account without such users costs no CloudTrail call. Older
 * users, and any not found, are looked up in the organization trail's bucket when one is
 * configured. An account whose CloudTrail could not be read (its users then looked up in
 * the organization trail), or whose unreadable events may hide a recent user's creation,
 * is reported as read in part ({@link CreatorsIncompleteException}). Thread-safe.
 */
public final class CloudTrailCreatorSource implements CreatorSource {

	static final int PAGE_SIZE = 50;

	private static final Log logger = LogFactory.getLog(CloudTrailCreatorSource.class);

	private final CloudTrailClient cloudTrail;

	private final MemberAccountCredentials credentials;

	private final CreateUserEvents parser;

	private final AccountRateLimiter rateLimiter;

	private final OrgTrailReader orgTrail;

	private final Clock clock;

	/**
	 * @param orgTrail {@code null} when no organization trail bucket is configured
	 */
	public CloudTrailCreatorSource(CloudTrailClient cloudTrail, MemberAccountCredentials credentials,
			CreateUserEvents parser, AccountRateLimiter rateLimiter, OrgTrailReader orgTrail, Clock clock) {
		this.cloudTrail = cloudTrail;
		this.credentials = credentials;
		this.parser = parser;
		this.rateLimiter = rateLimiter;
		this.orgTrail = orgTrail;
		this.clock = clock;
	}

	@Override
	public Map<String, Creator> findCreators(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
		Instant historyStart = this.clock.instant().minus(CloudTrailRetention.EVENT_HISTORY);
		List<IamUser> recent = users.stream()
			.filter(user -> user.createdAt() != null && !user.createdAt().isBefore(historyStart))
			.toList();
		Map<String, Creator> creators = new HashMap<>();
		AccountAccessException inaccessible = null;
		AtomicInteger unreadable = new AtomicInteger();
		if (!recent.isEmpty()) {
			try {
				creators.putAll(sweep(account, recent, historyStart, reportDate, unreadable));
			}
			catch (AccountAccessException ex) {
				if (this.orgTrail == null) {
					throw ex;
				}
				inaccessible = ex;
			}
		}
		List<IamUser> notFound = users.stream().filter(user -> !creators.containsKey(user.userId())).toList();
		Set<String> withoutLogFiles = new HashSet<>();
		String orgTrailProblem = (this.orgTrail != null && !notFound.isEmpty())
				? searchOrgTrail(account, notFound, creators, withoutLogFiles) : null;
		for (IamUser user : users) {
			if (!creators.containsKey(user.userId())) {
				creators.put(user.userId(), unknown(user, historyStart, inaccessible, orgTrailProblem, unreadable.get(),
						withoutLogFiles.contains(user.userId())));
			}
		}
		if (inaccessible != null) {
			throw new CreatorsIncompleteException(
					inaccessible.getMessage() + "; creators looked up in the organization trail instead", creators,
					inaccessible);
		}
		long unfound = recent.stream().filter(user -> !creators.get(user.userId()).known()).count();
		if (unreadable.get() > 0 && unfound > 0) {
			throw new CreatorsIncompleteException(
					"CloudTrail returned %d CreateUser event(s) that could not be read; ".formatted(unreadable.get())
							+ "the creator of %d recent user(s) may be among them".formatted(unfound),
					creators, null);
		}
		return creators;
	}

	private Map<String, Creator> sweep(MemberAccount account, List<IamUser> recent, Instant historyStart,
			LocalDate reportDate, AtomicInteger unreadable) {
		AwsCredentialsProvider session = this.credentials.forAccount(account, reportDate);
		Instant earliest = recent.stream().map(IamUser::createdAt).min(Comparator.naturalOrder()).orElseThrow();
		Instant start = max(historyStart, earliest.minus(CreateUserEvent.CLOCK_SKEW));
		Instant end = this.clock.instant();
		Map<String, Creator> found = new HashMap<>();
		String nextToken = null;
		int pages = 0;
		do {
			LookupEventsResponse page = lookup(account, session, start, end, nextToken);
			pages++;
			List<CreateUserEvent> events = events(account, page.events(), unreadable);
			for (IamUser user : recent) {
				events.stream()
					.filter(event -> event.created(user))
					.findFirst()
					.ifPresent(event -> found.putIfAbsent(user.userId(), event.creator().from("cloudtrail")));
			}
			nextToken = page.nextToken();
		}
		while (nextToken != null && found.size() < recent.size());
		logger.debug("Account %s: %d CloudTrail page(s), %d of %d recent creators found".formatted(account.id(), pages,
				found.size(), recent.size()));
		return found;
	}

	private LookupEventsResponse lookup(MemberAccount account, AwsCredentialsProvider session, Instant start,
			Instant end, String nextToken) {
		try {
			return this.rateLimiter.call(account.id(), () -> this.cloudTrail.lookupEvents(request -> request
				.lookupAttributes(
						attribute -> attribute.attributeKey(LookupAttributeKey.EVENT_NAME).attributeValue("CreateUser"))
				.startTime(start)
				.endTime(end)
				.maxResults(PAGE_SIZE)
				.nextToken(nextToken)
				.overrideConfiguration(o -> o.credentialsProvider(session)
					.putExecutionAttribute(ApiCallCounter.ACCOUNT, account.id()))));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AccountAccessException("interrupted while reading CloudTrail", ex);
		}
		catch (SdkException ex) {
			String permission = AwsErrors.isAccessDenied(ex) ? " (the audit role needs cloudtrail:LookupEvents)" : "";
			throw new AccountAccessException("CloudTrail LookupEvents failed: " + AwsErrors.describe(ex) + permission,
					ex);
		}
	}

	private List<CreateUserEvent> events(MemberAccount account, List<Event> page, AtomicInteger unreadable) {
		List<CreateUserEvent> events = new ArrayList<>();
		for (Event event : page) {
			try {
				CreateUserEvent parsed = this.parser.parse(event.cloudTrailEvent());
				if (parsed != null) {
					events.add(parsed);
				}
			}
			catch (IllegalArgumentException ex) {
				unreadable.incrementAndGet();
				logger.warn("Account %s: unreadable CloudTrail event %s: %s".formatted(account.id(), event.eventId(),
						ex.getMessage()));
			}
		}
		return events;
	}

	/**
	 * Looks the users up in the organization trail; returns why it could not, or
	 * {@code null}.
	 */
	private String searchOrgTrail(MemberAccount account, List<IamUser> users, Map<String, Creator> creators,
			Set<String> withoutLogFiles) {
		try {
			OrgTrailReader.Found found = this.orgTrail.findCreators(account, users);
			creators.putAll(found.creators());
			withoutLogFiles.addAll(found.withoutLogFiles());
			return null;
		}
		catch (SdkException ex) {
			logger.warn("Account %s: cannot read the organization trail in s3://%s (%s); the job's role needs "
				.formatted(account.id(), this.orgTrail.bucket(), AwsErrors.describe(ex))
					+ "s3:ListBucket and s3:GetObject on it");
			return "organization trail not readable (" + Objects.requireNonNullElse(AwsErrors.code(ex), "error") + ")";
		}
	}

	private Creator unknown(IamUser user, Instant historyStart, AccountAccessException inaccessible,
			String orgTrailProblem, int unreadable, boolean withoutLogFiles) {
		if (orgTrailProblem != null) {
			return Creator.unknown(orgTrailProblem);
		}
		boolean recent = user.createdAt() != null && !user.createdAt().isBefore(historyStart);
		if (recent && inaccessible != null) {
			return Creator.unknown("account not accessible");
		}
		if (recent && unreadable > 0) {
			return Creator.unknown("no readable CreateUser event found (%d unreadable)".formatted(unreadable));
		}
		return CloudTrailRetention.notFound(user, historyStart, (this.orgTrail == null) ? OrgTrail.NOT_SEARCHED
				: withoutLogFiles ? OrgTrail.NO_LOG_FILE : OrgTrail.NOT_FOUND);
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

}
