package io.iamuseraudit.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeUser;

/**
 * The least time any client could take to read an organization through the simulated AWS,
 * given its latency and quotas, with unlimited parallelism: the longest of the chains of
 * calls that must follow one another.
 * <ul>
 * <li>Config: the query's pages, one after another (each needs the previous next token),
 * at the Config rate if one is set.</li>
 * <li>Organizations: the ListAccounts pages, one after another.</li>
 * <li>Each member account: AssumeRole, then in parallel its CloudTrail sweep (pages of 50
 * events one after another, at most 2 requests in any second) and its credential report
 * (read at once when younger than four hours, else generate, wait for IAM, read).</li>
 * </ul>
 * Everything else (parsing, the database, the reports) is taken to cost nothing.
 */
record QuotaFloor(Duration config, Duration organizations, Duration slowestAccount, String slowestAccountId) {

	static final int CONFIG_PAGE = 100;

	static final int ORGANIZATIONS_PAGE = 20;

	static final int CLOUDTRAIL_PAGE = 50;

	static final Duration CLOUDTRAIL_HISTORY = Duration.ofDays(90);

	Duration floor() {
		Duration longest = this.config.compareTo(this.organizations) >= 0 ? this.config : this.organizations;
		return (longest.compareTo(this.slowestAccount) >= 0) ? longest : this.slowestAccount;
	}

	static QuotaFloor of(FakeOrganization organization, BenchmarkOptions options, long configRows) {
		Duration latency = options.latency();
		long configPages = Math.max(1, (configRows + CONFIG_PAGE - 1) / CONFIG_PAGE);
		Duration config = sequential(configPages, latency, options.configRate());
		long accountPages = (organization.accounts().size() + ORGANIZATIONS_PAGE - 1) / ORGANIZATIONS_PAGE;
		Duration organizations = latency.multipliedBy(accountPages);
		Duration slowest = Duration.ZERO;
		String slowestId = null;
		for (FakeAccount account : organization.accounts()) {
			Duration chain = accountChain(account, organization.now(), options);
			if (chain.compareTo(slowest) > 0) {
				slowest = chain;
				slowestId = account.id();
			}
		}
		return new QuotaFloor(config, organizations, slowest, slowestId);
	}

	private static Duration accountChain(FakeAccount account, Instant now, BenchmarkOptions options) {
		Duration latency = options.latency();
		if (account.role() != FakeAccount.Role.ASSUMABLE) {
			return latency;
		}
		long events = eventsInWindow(account, now);
		Duration cloudTrail = (events == 0) ? Duration.ZERO
				: sequential((events + CLOUDTRAIL_PAGE - 1) / CLOUDTRAIL_PAGE, latency, 2);
		Duration report = account.hasFreshCredentialReport(now) ? latency
				: latency.multipliedBy(2).plus(options.reportGeneration());
		return latency.plus((cloudTrail.compareTo(report) >= 0) ? cloudTrail : report);
	}

	/**
	 * CreateUser events inside the window, failed attempts included, as CloudTrail keeps
	 * them.
	 */
	static long eventsInWindow(FakeAccount account, Instant now) {
		Instant oldest = now.minus(CLOUDTRAIL_HISTORY);
		long events = 0;
		int created = 0;
		for (FakeUser user : account.users()) {
			if (user.creator() == null || user.createdAt() == null) {
				continue;
			}
			boolean inWindow = !user.createdAt().isBefore(oldest);
			events += inWindow ? 1 : 0;
			if (++created % 5 == 0 && inWindow) {
				events++;
			}
		}
		return events;
	}

	/**
	 * {@code count} calls one after another, each taking {@code latency}, with at most
	 * {@code perSecond} of them starting in any second (0: no limit).
	 */
	static Duration sequential(long count, Duration latency, int perSecond) {
		long latencyNanos = latency.toNanos();
		long clock = 0;
		Deque<Long> starts = new ArrayDeque<>();
		for (long i = 0; i < count; i++) {
			long start = clock;
			if (perSecond > 0 && starts.size() == perSecond) {
				start = Math.max(start, starts.removeFirst() + 1_000_000_000L);
			}
			starts.addLast(start);
			clock = start + latencyNanos;
		}
		return Duration.ofNanos(clock);
	}

}
