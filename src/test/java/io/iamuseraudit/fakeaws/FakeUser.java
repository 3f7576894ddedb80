package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An IAM user of a {@link FakeAccount}: what Config records of it, the {@code CreateUser}
 * event that created it and its row in the credential report. Fluent setters, for
 * fixtures. Not thread-safe: build it before the fake serves it.
 */
public final class FakeUser {

	final FakeAccount account;

	final String name;

	String userId;

	String path = "/";

	Instant createdAt;

	final Map<String, String> tags = new LinkedHashMap<>();

	final List<String> groups = new ArrayList<>();

	final List<String> attachedPolicies = new ArrayList<>();

	final List<String> inlinePolicies = new ArrayList<>();

	final List<String> extraRegions = new ArrayList<>();

	FakeCreator creator;

	boolean inOrgTrail = true;

	boolean inCredentialReport = true;

	boolean inInventory = true;

	Boolean passwordEnabled = false;

	Instant passwordLastUsed;

	boolean mfaActive;

	final Key[] keys = { new Key(), new Key() };

	FakeUser(FakeAccount account, String name, String userId) {
		this.account = account;
		this.name = name;
		this.userId = userId;
	}

	public String name() {
		return this.name;
	}

	public String userId() {
		return this.userId;
	}

	public String accountId() {
		return this.account.id;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public FakeCreator creator() {
		return this.creator;
	}

	public Boolean passwordEnabled() {
		return this.passwordEnabled;
	}

	public boolean mfaActive() {
		return this.mfaActive;
	}

	public boolean inCredentialReport() {
		return this.inCredentialReport;
	}

	public boolean inOrgTrail() {
		return this.inOrgTrail;
	}

	public boolean inInventory() {
		return this.inInventory;
	}

	public FakeAccount account() {
		return this.account;
	}

	public String arn() {
		return "arn:aws:iam::" + this.account.id + ":user" + this.path + this.name;
	}

	public FakeUser userId(String userId) {
		this.userId = userId;
		return this;
	}

	public FakeUser path(String path) {
		this.path = path;
		return this;
	}

	public FakeUser createdAt(Instant createdAt) {
		this.createdAt = createdAt;
		return this;
	}

	public FakeUser createdDaysAgo(long days) {
		return createdAt(this.account.organization.now()
			.minusSeconds(days * 86_400 + 3_600)
			.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
	}

	public FakeUser tag(String key, String value) {
		this.tags.put(key, value);
		return this;
	}

	public FakeUser group(String group) {
		this.groups.add(group);
		return this;
	}

	public FakeUser attachedPolicy(String policyName) {
		this.attachedPolicies.add(policyName);
		return this;
	}

	public FakeUser inlinePolicy(String policyName) {
		this.inlinePolicies.add(policyName);
		return this;
	}

	/** Config reports the user a second time, from another region's recorder. */
	public FakeUser alsoRecordedIn(String region) {
		this.extraRegions.add(region);
		return this;
	}

	/**
	 * The {@code CreateUser} event was made by this principal ({@code null}: no event at
	 * all).
	 */
	public FakeUser createdBy(FakeCreator creator) {
		this.creator = creator;
		return this;
	}

	/** Whether the organization trail's bucket holds the event (by default it does). */
	public FakeUser inOrgTrail(boolean inOrgTrail) {
		this.inOrgTrail = inOrgTrail;
		return this;
	}

	public FakeUser inCredentialReport(boolean inCredentialReport) {
		this.inCredentialReport = inCredentialReport;
		return this;
	}

	/**
	 * Whether Config knows the user yet (a user created since the aggregator last synced
	 * does not).
	 */
	public FakeUser inInventory(boolean inInventory) {
		this.inInventory = inInventory;
		return this;
	}

	public FakeUser password(boolean enabled, Instant lastUsed) {
		this.passwordEnabled = enabled;
		this.passwordLastUsed = lastUsed;
		return this;
	}

	public FakeUser mfa(boolean active) {
		this.mfaActive = active;
		return this;
	}

	/** Access key 1 or 2. */
	public FakeUser accessKey(int number, boolean active, Instant lastRotated, Instant lastUsed) {
		Key key = this.keys[number - 1];
		key.present = true;
		key.active = active;
		key.lastRotated = lastRotated;
		key.lastUsed = lastUsed;
		return this;
	}

	/** One access key as the credential report shows it. */
	static final class Key {

		boolean present;

		boolean active;

		Instant lastRotated;

		Instant lastUsed;

	}

}
