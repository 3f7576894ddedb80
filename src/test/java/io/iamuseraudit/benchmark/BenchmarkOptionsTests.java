package io.iamuseraudit.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark runs the job as cron does. */
class BenchmarkOptionsTests {

	@Test
	void jobJvmGetsTheCronWrappersDefaultOptionsThenThoseGiven() throws IOException {
		Matcher defaults = Pattern.compile("java_opts=\\$\\{JAVA_OPTS-(.*)}")
			.matcher(Files.readString(Path.of("cron/run-audit.sh")));
		assertThat(defaults.find()).isTrue();

		BenchmarkOptions options = BenchmarkOptions.parse(new String[] { "--jvm", "-XX:+UseParallelGC" });

		assertThat(options.jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1", "-XX:+UseParallelGC");
		assertThat(defaults.group(1).split(" ")).filteredOn((option) -> !option.startsWith("-Xmx"))
			.containsExactlyElementsOf(BenchmarkOptions.CRON_JVM_OPTIONS);
	}

}
