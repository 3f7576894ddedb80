package io.iamuseraudit.fakeaws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A member account of a {@link FakeOrganization}: its users, whether the audit role can
 * be assumed, and its IAM credential report. Fluent setters, for fixtures.
 */
public final class FakeAccount {

	/** What STS {@code AssumeRole} into the account's audit role does. */
	public enum Role {

		/** The role exists and trusts the caller. */
		ASSUMABLE,

		/** The role's trust policy does not allow the caller. */
		DENIED,

		/** The role was never deployed (STS answers AccessDenied all the same). */
		MISSING

	}

	final FakeOrganization organization;

	final String id;

	final String name;

	final List<FakeUser> users = new ArrayList<>();

	Role role = Role.ASSUMABLE;

	String requiredExternalId;

	Instant credentialReportAt;

	int reportGenerationPolls = 1;

	boolean credentialReportExpired;

	boolean rootMfa = true;

	final List<String> credentialReportOnlyUsers = new ArrayList<>();

	final List<String> rawCloudTrailEvents = new ArrayList<>();

	String credentialReportContent;

	private int nextUserId;

	FakeAccount(FakeOrganization organization, String id, String name) {
		this.organization = organization;
		this.id = id;
		this.name = name;
	}

	public String id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public Role role() {
		return this.role;
	}

	public List<FakeUser> users() {
		return List.copyOf(this.users);
	}

	/** Adds a user with a deterministic user id. */
	public FakeUser user(String name) {
		String userId = "AIDA%s%05d".formatted(this.id.substring(4), ++this.nextUserId);
		FakeUser user = new FakeUser(this, name, userId).createdDaysAgo(400);
		this.users.add(user);
		return user;
	}

	public FakeAccount role(Role role) {
		this.role = role;
		return this;
	}

	public FakeAccount requiresExternalId(String externalId) {
		this.requiredExternalId = externalId;
		return this;
	}

	/** A credential report already generated at that time (none by default). */
	/**
	 * Whether IAM would hand out a report at once: one younger than four hours, not
	 * expired.
	 */
	public boolean hasFreshCredentialReport(Instant now) {
		return this.credentialReportAt != null && !this.credentialReportExpired
				&& this.credentialReportAt.isAfter(now.minus(Duration.ofHours(4)));
	}

	public FakeAccount credentialReportAt(Instant generatedAt) {
		this.credentialReportAt = generatedAt;
		return this;
	}

	/**
	 * How many {@code GenerateCredentialReport} calls answer before the report is
	 * COMPLETE.
	 */
	public FakeAccount reportGenerationPolls(int polls) {
		this.reportGenerationPolls = polls;
		return this;
	}

	/**
	 * {@code GetCredentialReport} answers ReportExpired until a new report is generated.
	 */
	public FakeAccount credentialReportExpired() {
		this.credentialReportExpired = true;
		return this;
	}

	/** A user the credential report lists but the inventory does not know yet. */
	public FakeAccount credentialReportOnlyUser(String name) {
		this.credentialReportOnlyUsers.add(name);
		return this;
	}

	/**
	 * A {@code CloudTrailEvent} string LookupEvents returns as it is, newest of all (an
	 * event of an unexpected shape, or not JSON at all).
	 */
	public FakeAccount rawCloudTrailEvent(String cloudTrailEvent) {
		this.rawCloudTrailEvents.add(cloudTrailEvent);
		return this;
	}

	/**
	 * The content of the credential report as GetCredentialReport returns it, instead of
	 * the one made from the users ({@code null}: made from the users).
	 */
	public FakeAccount credentialReportContent(String content) {
		this.credentialReportContent = content;
		return this;
	}

	public FakeAccount rootMfa(boolean active) {
		this.rootMfa = active;
		return this;
	}

}
