package io.iamuseraudit.history;

import java.time.Period;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code audit.history.*}.
 *
 * @param retention how long audits stay in the history database; older ones are purged at
 * the end of a run (archived evidence is never touched)
 */
public record HistoryProperties(@NotNull @DefaultValue("2y") Period retention) {

	@AssertTrue(message = "audit.history.retention must be a positive period, such as 2y or 90d")
	boolean isRetentionPositive() {
		return this.retention == null || (!this.retention.isNegative() && !this.retention.isZero());
	}

}
