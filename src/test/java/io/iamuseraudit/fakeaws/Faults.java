package io.iamuseraudit.fakeaws;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Errors injected into the fake's answers. Thread-safe. */
final class Faults {

	private final List<Planned> planned = new ArrayList<>();

	private Random random;

	private double fraction;

	private Set<String> randomOperations = Set.of();

	synchronized void failNext(String operation, int times, int status, String code) {
		this.planned.add(new Planned(operation, status, code, new int[] { times }));
	}

	synchronized void failRandomly(double fraction, long seed, Set<String> operations) {
		this.fraction = fraction;
		this.random = new Random(seed);
		this.randomOperations = operations;
	}

	synchronized void clear() {
		this.planned.clear();
		this.fraction = 0;
	}

	/** Throws the error planned for this call, if any. */
	synchronized void apply(String operation) {
		for (Planned plan : this.planned) {
			if (plan.operation.equals(operation) && plan.remaining[0] > 0) {
				plan.remaining[0]--;
				throw new AwsError(plan.status, plan.code, "injected " + plan.code);
			}
		}
		if (this.fraction > 0 && (this.randomOperations.isEmpty() || this.randomOperations.contains(operation))
				&& this.random.nextDouble() < this.fraction) {
			throw this.random.nextBoolean() ? new AwsError(503, "ServiceUnavailable", "injected: try again")
					: AwsError.throttling("injected: Rate exceeded");
		}
	}

	private record Planned(String operation, int status, String code, int[] remaining) {
	}

}
