package io.iamuseraudit.history;

import java.time.Instant;
import java.time.LocalDate;

import io.iamuseraudit.AuditProperties;

/**
 * One audit in the history.
 *
 * @param status {@code RUNNING}, {@code COMPLETED}, {@code COMPLETED_WITH_WARNINGS},
 * {@code FAILED} or {@code DRY_RUN}
 * @param previousReportDate the audit it was compared with, {@code null} for a baseline
 */
public record AuditRun(LocalDate reportDate, String source, String sourceDescription, Long jobExecutionId,
		String status, Instant startedAt, Instant endedAt, LocalDate previousReportDate, Integer users,
		Integer accounts, Integer highFindings, Integer findings, Integer warnings) {

	public static final String RUNNING = "RUNNING";

	public static final String COMPLETED = "COMPLETED";

	public static final String COMPLETED_WITH_WARNINGS = "COMPLETED_WITH_WARNINGS";

	public static final String FAILED = "FAILED";

	/**
	 * A dry run that completed: its users are in the history, but it delivered nothing,
	 * so no later audit compares with it.
	 */
	public static final String DRY_RUN = "DRY_RUN";

	/** Whether the audit read the bundled sample organization, not AWS. */
	public boolean sampleData() {
		return AuditProperties.Source.SAMPLE.name().equals(this.source);
	}

}
