package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The organization a {@link FakeAws} serves: accounts and their users, the Config
 * aggregator (its name, source statuses, and rows to inject: raw, deleted), whether
 * Organizations may be called. Hand-built for tests (fluent setters) or generated at
 * scale by {@link FakeOrganizationGenerator}. Build it completely before serving it.
 */
public final class FakeOrganization {

	public static final String ORGANIZATION_ID = "o-fake1234ab";

	/** The delegated administrator account the audit runs in. */
	public static final String ADMIN_ACCOUNT = "999900000001";

	private final Instant now;

	final Map<String, FakeAccount> accounts = new LinkedHashMap<>();

	final List<String> rawConfigRows = new ArrayList<>();

	final List<String[]> deletedUsers = new ArrayList<>();

	final List<SourceStatus> sourceStatuses = new ArrayList<>();

	String aggregatorName = "OrgAggregator";

	String memberRoleName = "IamUserAuditRole";

	OrganizationsAccess organizationsAccess = OrganizationsAccess.ALLOWED;

	/** What Organizations {@code ListAccounts} answers the audit. */
	public enum OrganizationsAccess {

		ALLOWED, DENIED, NOT_IN_ORGANIZATION

	}

	/** One line of {@code DescribeConfigurationAggregatorSourcesStatus}. */
	public record SourceStatus(String sourceId, String sourceType, String region, String status, Instant lastUpdate,
			String errorCode, String errorMessage) {
	}

	public FakeOrganization(Instant now) {
		this.now = now.truncatedTo(ChronoUnit.SECONDS);
	}

	/** An organization whose "now" is the current time. */
	public FakeOrganization() {
		this(Instant.now());
	}

	public Instant now() {
		return this.now;
	}

	public FakeAccount account(String id, String name) {
		return this.accounts.computeIfAbsent(id, key -> new FakeAccount(this, id, name));
	}

	public List<FakeAccount> accounts() {
		return List.copyOf(this.accounts.values());
	}

	public Optional<FakeAccount> findAccount(String id) {
		return Optional.ofNullable(this.accounts.get(id));
	}

	/**
	 * Rows the Config query returns: users (once per recording region), deleted users,
	 * raw rows.
	 */
	public int configRows() {
		int users = users().stream()
			.filter(user -> user.inInventory)
			.mapToInt(user -> 1 + user.extraRegions.size())
			.sum();
		return users + this.deletedUsers.size() + this.rawConfigRows.size();
	}

	/** Every user, all accounts. */
	public List<FakeUser> users() {
		return this.accounts.values().stream().flatMap(account -> account.users.stream()).toList();
	}

	public FakeOrganization aggregatorName(String name) {
		this.aggregatorName = name;
		return this;
	}

	public String aggregatorName() {
		return this.aggregatorName;
	}

	public FakeOrganization memberRoleName(String name) {
		this.memberRoleName = name;
		return this;
	}

	public FakeOrganization organizationsAccess(OrganizationsAccess access) {
		this.organizationsAccess = access;
		return this;
	}

	/**
	 * A row served as it is by the Config query (malformed JSON, a row missing fields,
	 * ...).
	 */
	public FakeOrganization rawConfigRow(String json) {
		this.rawConfigRows.add(json);
		return this;
	}

	/** A configuration item of a deleted user ({@code ResourceDeleted}). */
	public FakeOrganization deletedUser(String accountId, String userName, String userId) {
		this.deletedUsers.add(new String[] { accountId, userName, userId });
		return this;
	}

	public FakeOrganization clearSourceStatuses() {
		this.sourceStatuses.clear();
		return this;
	}

	public FakeOrganization sourceStatus(String sourceId, String region, String status, Instant lastUpdate) {
		this.sourceStatuses.add(new SourceStatus(sourceId, "ACCOUNT", region, status, lastUpdate,
				"FAILED".equals(status) ? "AccessDeniedException" : null,
				"FAILED".equals(status) ? "The configuration aggregator is not authorized" : null));
		return this;
	}

}
