package io.iamuseraudit.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import io.iamuseraudit.inventory.AggregatorSource;

/** The PDF's line on how fresh the Config aggregator's data was. */
final class Freshness {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
		.withZone(ZoneOffset.UTC);

	private Freshness() {
	}

	/**
	 * {@code null} when nothing is known (the sample, or a caller not allowed to ask).
	 */
	static String describe(List<AggregatorSource> sources) {
		if (sources.isEmpty()) {
			return null;
		}
		List<Instant> updates = sources.stream()
			.filter(source -> !source.stale())
			.map(AggregatorSource::lastUpdatedAt)
			.filter(Objects::nonNull)
			.sorted(Comparator.reverseOrder())
			.toList();
		StringBuilder text = new StringBuilder(
				"Config aggregator data: " + sources.size() + " source" + ((sources.size() == 1) ? "" : "s"));
		if (!updates.isEmpty()) {
			text.append(", last aggregated ").append(TIME.format(updates.get(0)));
			if (updates.size() > 1 && !updates.get(0).equals(updates.get(updates.size() - 1))) {
				text.append(" (oldest source ").append(TIME.format(updates.get(updates.size() - 1))).append(')');
			}
		}
		long failed = sources.stream().filter(source -> "FAILED".equals(source.status())).count();
		long outdated = sources.stream().filter(source -> source.stale() && !"FAILED".equals(source.status())).count();
		if (failed + outdated > 0) {
			text.append("; NOT FRESH: %d FAILED, %d OUTDATED (see \"Not fully audited\")".formatted(failed, outdated));
		}
		return text.append('.').toString();
	}

	static String lastUpdate(AggregatorSource source) {
		return (source.lastUpdatedAt() != null) ? "last aggregated " + TIME.format(source.lastUpdatedAt())
				: "never aggregated";
	}

}
