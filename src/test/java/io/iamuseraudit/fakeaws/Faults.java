package io.iamuseraudit.fakeaws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Errors injected into the fake's answers: the next N calls of an operation, every call
 * of an operation by one account, or a seeded random share of calls. Counts what it
 * injected. Thread-safe.
 */
final class Faults {

	private final List<Planned> planned = new ArrayList<>();

	private final List<Always> always = new ArrayList<>();

	private final Map<String, Integer> injected = new TreeMap<>();

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

	synchronized void failAlways(String operation, String accountId, int status, String code) {
		this.always.add(new Always(operation, accountId, status, code));
	}

	synchronized void clear() {
		this.planned.clear();
		this.always.clear();
		this.injected.clear();
		this.fraction = 0;
	}

	/** Errors injected so far, by operation. */
	synchronized Map<String, Integer> injected() {
		return Map.copyOf(this.injected);
	}

	/** Throws the error planned for this call of an account, if any. */
	synchronized void apply(String operation, String accountId) {
		for (Always fault : this.always) {
			if (fault.operation.equals(operation) && fault.accountId.equals(accountId)) {
				throw inject(operation, new AwsError(fault.status, fault.code, "injected " + fault.code));
			}
		}
		for (Planned plan : this.planned) {
			if (plan.operation.equals(operation) && plan.remaining[0] > 0) {
				plan.remaining[0]--;
				throw inject(operation, new AwsError(plan.status, plan.code, "injected " + plan.code));
			}
		}
		if (this.fraction > 0 && (this.randomOperations.isEmpty() || this.randomOperations.contains(operation))
				&& this.random.nextDouble() < this.fraction) {
			throw inject(operation,
					this.random.nextBoolean() ? new AwsError(503, "ServiceUnavailable", "injected: try again")
							: AwsError.throttling("injected: Rate exceeded"));
		}
	}

	private AwsError inject(String operation, AwsError error) {
		this.injected.merge(operation, 1, Integer::sum);
		return error;
	}

	private record Planned(String operation, int status, String code, int[] remaining) {
	}

	private record Always(String operation, String accountId, int status, String code) {
	}

}
