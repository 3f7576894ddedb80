package io.iamuseraudit.fakeaws;

import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Generates a large organization from a seed: the same seed gives the same organization.
 * Users are spread unevenly over accounts (a few large ones, many small ones); about 15 %
 * were created inside CloudTrail's 90 days (configurable); creators of every kind; some
 * users without an owner tag, unused, with old keys, admin policies; some duplicate rows
 * from a second region and deleted users; about 1.5 % of accounts whose audit role is
 * denied or missing; half the accounts with a credential report younger than four hours.
 */
public final class FakeOrganizationGenerator {

	private static final List<String> GIVEN = List.of("ana", "bo", "chen", "dara", "eli", "femi", "gus", "hana", "ivo",
			"jun", "kai", "lea", "mo", "nia", "oz", "pia");

	private final Random random;

	private final Instant now;

	private double recentFraction = 0.15;

	public FakeOrganizationGenerator(long seed, Instant now) {
		this.random = new Random(seed);
		this.now = now;
	}

	/** The share of users created inside CloudTrail's 90 days (0.15 unless set). */
	public FakeOrganizationGenerator recentFraction(double fraction) {
		this.recentFraction = fraction;
		return this;
	}

	public FakeOrganization generate(int accounts, int users) {
		FakeOrganization organization = new FakeOrganization(this.now);
		FakeAccount[] all = new FakeAccount[accounts];
		for (int i = 0; i < accounts; i++) {
			all[i] = organization.account("%012d".formatted(310_000_000_000L + i * 7_919L), "account-" + i);
			double roll = this.random.nextDouble();
			if (roll < 0.01) {
				all[i].role(FakeAccount.Role.DENIED);
			}
			else if (roll < 0.015) {
				all[i].role(FakeAccount.Role.MISSING);
			}
			if (this.random.nextBoolean()) {
				all[i].credentialReportAt(this.now.minusSeconds(3_600));
			}
		}
		for (int n = 0; n < users; n++) {
			double skew = this.random.nextDouble();
			user(all[(int) (accounts * skew * skew)], n);
		}
		for (int n = 0; n < users / 100; n++) {
			FakeAccount account = all[this.random.nextInt(accounts)];
			organization.deletedUser(account.id, "deleted-" + n, "AIDADELETED%08d".formatted(n));
		}
		return organization;
	}

	private void user(FakeAccount account, int n) {
		String name = GIVEN.get(n % GIVEN.size()) + "." + n;
		boolean recent = this.random.nextDouble() < this.recentFraction;
		FakeUser user = account.user(name)
			.createdDaysAgo(recent ? this.random.nextInt(89) : 90 + this.random.nextInt(2400));
		user.createdBy((this.random.nextDouble() < 0.03) ? null : creator());
		user.inOrgTrail(this.random.nextDouble() < 0.9);
		if (this.random.nextDouble() < 0.6) {
			user.tag("owner", "team-" + this.random.nextInt(40));
		}
		user.group(this.random.nextBoolean() ? "developers" : "readers");
		if (this.random.nextDouble() < 0.1) {
			user.attachedPolicy((this.random.nextDouble() < 0.2) ? "AdministratorAccess" : "ReadOnlyAccess");
		}
		if (this.random.nextDouble() < 0.05) {
			user.inlinePolicy("inline-" + n);
		}
		if (this.random.nextDouble() < 0.02) {
			user.alsoRecordedIn("eu-west-1");
		}
		if (this.random.nextDouble() < 0.3) {
			user.password(true, this.random.nextBoolean() ? daysAgo(this.random.nextInt(200)) : null)
				.mfa(this.random.nextDouble() < 0.7);
		}
		if (this.random.nextDouble() < 0.6) {
			user.accessKey(1, true, daysAgo(this.random.nextInt(400)),
					this.random.nextBoolean() ? daysAgo(this.random.nextInt(150)) : null);
		}
		if (this.random.nextDouble() < 0.1) {
			user.accessKey(2, true, daysAgo(this.random.nextInt(100)), daysAgo(this.random.nextInt(30)));
		}
	}

	private FakeCreator creator() {
		return switch (this.random.nextInt(5)) {
			case 0 -> FakeCreator.iamUser("admin." + this.random.nextInt(10));
			case 1 ->
				FakeCreator.identityCenter("AdministratorAccess", "person" + this.random.nextInt(50) + "@example.com");
			case 2 -> FakeCreator.cloudFormation("StackSetExecutionRole");
			case 3 -> FakeCreator.assumedRole("terraform", "pipeline-" + this.random.nextInt(20));
			default -> FakeCreator.root();
		};
	}

	private Instant daysAgo(int days) {
		return this.now.minusSeconds(days * 86_400L + this.random.nextInt(86_400));
	}

}
