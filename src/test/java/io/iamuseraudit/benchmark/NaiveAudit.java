package io.iamuseraudit.benchmark;

import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeUser;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudtrail.CloudTrailClient;
import software.amazon.awssdk.services.cloudtrail.model.LookupAttributeKey;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * What a quick script would do: accounts one after another, one CloudTrail lookup per
 * user (paced at the quota of 2 per second), then the credential report, polled every
 * second. Measured on a few small accounts only (the whole organization would take
 * hours), and compared there with its model, {@link #modelled}, which then estimates the
 * whole run.
 */
final class NaiveAudit {

	private final URI endpoint;

	private final BenchmarkOptions options;

	NaiveAudit(URI endpoint, BenchmarkOptions options) {
		this.endpoint = endpoint;
		this.options = options;
	}

	/** Runs the script on the given accounts; returns how long it took. */
	Duration measure(List<FakeAccount> accounts) throws InterruptedException {
		long started = System.nanoTime();
		try (StsClient sts = StsClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(FakeAws.ADMIN_ACCESS_KEY, FakeAws.ADMIN_SECRET_KEY)))
			.build()) {
			for (FakeAccount account : accounts) {
				audit(sts, account);
			}
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private void audit(StsClient sts, FakeAccount account) throws InterruptedException {
		Credentials credentials;
		try {
			credentials = sts
				.assumeRole(request -> request.roleArn("arn:aws:iam::" + account.id() + ":role/IamUserAuditRole")
					.roleSessionName("naive"))
				.credentials();
		}
		catch (RuntimeException ex) {
			return;
		}
		StaticCredentialsProvider session = StaticCredentialsProvider.create(AwsSessionCredentials
			.create(credentials.accessKeyId(), credentials.secretAccessKey(), credentials.sessionToken()));
		try (CloudTrailClient cloudTrail = CloudTrailClient.builder()
			.endpointOverride(this.endpoint)
			.region(Region.US_EAST_1)
			.credentialsProvider(session)
			.build();
				IamClient iam = IamClient.builder()
					.endpointOverride(this.endpoint)
					.region(Region.US_EAST_1)
					.credentialsProvider(session)
					.build()) {
			long last = 0;
			for (FakeUser user : account.users()) {
				long wait = last + 500_000_000L - System.nanoTime();
				if (wait > 0) {
					Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
				}
				last = System.nanoTime();
				cloudTrail.lookupEvents(request -> request
					.lookupAttributes(attribute -> attribute.attributeKey(LookupAttributeKey.RESOURCE_NAME)
						.attributeValue(user.name())));
			}
			credentialReport(iam);
		}
	}

	private static void credentialReport(IamClient iam) throws InterruptedException {
		try {
			iam.getCredentialReport();
			return;
		}
		catch (IamException ex) {
			// Not present or expired: generate one.
		}
		while (!"COMPLETE".equals(iam.generateCredentialReport().stateAsString())) {
			Thread.sleep(1_000);
		}
		iam.getCredentialReport();
	}

	/**
	 * The script's time by its model: what {@link #measure} should take, without the
	 * machine's overheads.
	 */
	Duration modelled(List<FakeAccount> accounts, java.time.Instant now) {
		Duration latency = this.options.latency();
		Duration total = Duration.ZERO;
		for (FakeAccount account : accounts) {
			total = total.plus(latency);
			if (account.role() != FakeAccount.Role.ASSUMABLE) {
				continue;
			}
			total = total.plus(QuotaFloor.sequential(account.users().size(), latency, 2));
			total = total.plus(account.hasFreshCredentialReport(now) ? latency
					: latency.multipliedBy(3).plus(roundedUpToSeconds(this.options.reportGeneration())));
		}
		return total;
	}

	private static Duration roundedUpToSeconds(Duration duration) {
		return Duration.ofSeconds((duration.toMillis() + 999) / 1000);
	}

	static List<FakeAccount> smallestAccounts(List<FakeAccount> accounts, int count) {
		return accounts.stream()
			.filter(account -> account.role() == FakeAccount.Role.ASSUMABLE)
			.sorted(Comparator.comparingInt((FakeAccount account) -> account.users().size())
				.thenComparing(FakeAccount::id))
			.limit(count)
			.toList();
	}

}
