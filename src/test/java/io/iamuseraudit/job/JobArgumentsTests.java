package io.iamuseraudit.job;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JobArgumentsTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

	@Test
	void defaultsToToday() {
		assertThat(JobArguments.parse(List.of(), TODAY).reportDate()).isEqualTo(TODAY);
	}

	@Test
	void readsReportDate() {
		assertThat(JobArguments.parse(List.of("reportDate=2026-11-10"), TODAY).reportDate())
			.isEqualTo(LocalDate.of(2026, 11, 10));
	}

	@Test
	void refusesAnInvalidDate() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> JobArguments.parse(List.of("reportDate=2026-02-30"), TODAY))
			.withMessageContaining("reportDate must be a date");
	}

	@Test
	void refusesUnknownArguments() {
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> JobArguments.parse(List.of("report=2026-11-10"), TODAY))
			.withMessageContaining("Unknown argument 'report=2026-11-10'")
			.withMessageContaining("usage:");
	}

	@Test
	void acceptsTomorrowForSchedulersEastOfUtcButNothingLater() {
		assertThat(JobArguments.parse(List.of("reportDate=2026-11-25"), TODAY).reportDate())
			.isEqualTo(LocalDate.of(2026, 11, 25));
		assertThatExceptionOfType(UsageException.class)
			.isThrownBy(() -> JobArguments.parse(List.of("reportDate=2026-11-26"), TODAY))
			.withMessageContaining("reportDate 2026-11-26 is more than a day after today (2026-11-24 in UTC)");
	}

}
