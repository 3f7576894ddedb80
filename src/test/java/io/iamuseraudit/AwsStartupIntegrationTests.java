package io.iamuseraudit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.iamuseraudit.job.AuditExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * {@code audit.source=aws} refuses to start on configuration that cannot work: the
 * application fails to start, with exit code 2 (invalid configuration).
 */
class AwsStartupIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void refusesAQueryLackingRequiredFieldsNamingTheFileAndTheFields() throws IOException {
		Path query = Files.writeString(this.temp.resolve("narrow.sql"),
				"SELECT accountId, resourceId, resourceName WHERE resourceType = 'AWS::IAM::User'");

		assertThatException()
			.isThrownBy(() -> start("--audit.aws.config.aggregator-name=OrgAggregator",
					"--audit.aws.config.query-file=" + query))
			.satisfies(failure -> assertThat(IamUserAuditApplication.startupExitCode(failure))
				.isEqualTo(AuditExitCode.INVALID))
			.satisfies(failure -> assertThat(invalidConfiguration(failure).getMessage())
				.startsWith("The inventory query " + query + " is refused: it does not select awsRegion, arn, "
						+ "configurationItemStatus, configuration.createDate"));
	}

	@Test
	void refusesAwsWithoutAnAggregatorName() {
		assertThatException().isThrownBy(this::start)
			.satisfies(failure -> assertThat(IamUserAuditApplication.startupExitCode(failure))
				.isEqualTo(AuditExitCode.INVALID));
	}

	private void start(String... arguments) {
		String[] all = new String[arguments.length + 4];
		all[0] = "--audit.source=aws";
		all[1] = "--spring.datasource.url=jdbc:h2:mem:startup-" + System.nanoTime();
		all[2] = "--audit.output-dir=" + this.temp;
		all[3] = "--audit.command=history";
		System.arraycopy(arguments, 0, all, 4, arguments.length);
		new SpringApplicationBuilder(IamUserAuditApplication.class).run(all).close();
	}

	private static Throwable invalidConfiguration(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidConfigurationException) {
				return cause;
			}
		}
		throw new AssertionError("no InvalidConfigurationException in " + failure);
	}

}
