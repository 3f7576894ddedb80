package io.iamuseraudit.fakeaws;

import java.time.Instant;

/**
 * Runs a {@link FakeAws} on its own, serving a generated organization, for trying the
 * packaged job against it or measuring it:
 * {@code java -cp <test classpath> io.iamuseraudit.fakeaws.FakeAwsMain [seed] [accounts] [users]},
 * then {@code AWS_ENDPOINT_URL=<printed endpoint> AWS_ACCESS_KEY_ID=<printed key>
 * AWS_SECRET_ACCESS_KEY=<printed secret> java -jar target/iam-user-audit.jar --audit.source=aws
 * --audit.aws.config.aggregator-name=OrgAggregator}. Stops on Ctrl-C.
 */
public final class FakeAwsMain {

	private FakeAwsMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		long seed = (args.length > 0) ? Long.parseLong(args[0]) : 1;
		int accounts = (args.length > 1) ? Integer.parseInt(args[1]) : 20;
		int users = (args.length > 2) ? Integer.parseInt(args[2]) : 1_000;
		FakeOrganization organization = new FakeOrganizationGenerator(seed, Instant.now()).generate(accounts, users);
		FakeAws aws = new FakeAws(organization).start();
		Runtime.getRuntime().addShutdownHook(new Thread(aws::close));
		System.out.println("endpoint " + aws.endpoint());
		System.out.println("access-key " + FakeAws.ADMIN_ACCESS_KEY);
		System.out.println("secret-key " + FakeAws.ADMIN_SECRET_KEY);
		System.out
			.println("serving %d accounts, %d users (seed %d)".formatted(accounts, organization.users().size(), seed));
		Thread.currentThread().join();
	}

}
