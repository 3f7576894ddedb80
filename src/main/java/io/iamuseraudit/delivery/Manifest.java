package io.iamuseraudit.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, archived last: what the audit was and, for each archived object,
 * its SHA-256 and size, so that an auditor can check the evidence.
 *
 * @param counts the audit's headline numbers
 * @param apiCallsByService AWS API calls made, per service
 * @param apiCallsByAccount AWS API calls made, per account (empty: the delegated admin
 * account) and service
 */
public record Manifest(String tool, String version, LocalDate reportDate, Long jobExecutionId, String source,
		String sourceDescription, boolean sampleData, Instant auditStartedAt, LocalDate comparedWith,
		Map<String, Integer> counts, List<Entry> objects, Map<String, Integer> apiCallsByService,
		Map<String, Map<String, Integer>> apiCallsByAccount) {

	/** One archived object. */
	public record Entry(String key, String sha256, long size) {
	}

}
