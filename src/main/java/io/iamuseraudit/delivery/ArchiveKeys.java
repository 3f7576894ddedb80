package io.iamuseraudit.delivery;

import java.time.LocalDate;

/**
 * The archive's key layout: the prefix, then {@code yyyy/MM/dd/} and the report date as a
 * folder, then the file name (for example
 * {@code iam-user-audit/2026/11/24/2026-11-24/manifest.json}). Keys derive from the
 * report date alone, so that a restart on another day finds the same keys.
 */
public record ArchiveKeys(String prefix) {

	public String key(LocalDate reportDate, String fileName) {
		return "%s%04d/%02d/%02d/%s/%s".formatted(this.prefix, reportDate.getYear(), reportDate.getMonthValue(),
				reportDate.getDayOfMonth(), reportDate, fileName);
	}

}
