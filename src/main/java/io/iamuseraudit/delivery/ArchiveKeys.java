package io.iamuseraudit.delivery;

import java.time.LocalDate;

/**
 * The archive's key layout: {@code <prefix><yyyy>/<MM>/<dd>/<reportDate>/<file>}, derived
 * from the report date alone so that a restart on another day finds the same keys.
 */
public record ArchiveKeys(String prefix) {

	public String key(LocalDate reportDate, String fileName) {
		return "%s%04d/%02d/%02d/%s/%s".formatted(this.prefix, reportDate.getYear(), reportDate.getMonthValue(),
				reportDate.getDayOfMonth(), reportDate, fileName);
	}

}
