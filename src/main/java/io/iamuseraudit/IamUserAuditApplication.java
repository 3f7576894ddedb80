package io.iamuseraudit;

import io.iamuseraudit.job.AuditCommandRunner;
import io.iamuseraudit.job.AuditExitCode;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class IamUserAuditApplication {

	public static void main(String[] args) {
		int exitCode;
		try {
			exitCode = SpringApplication.exit(application().run(args));
		}
		catch (RuntimeException ex) {
			// Spring Boot has already reported the failure (naming the property, for bad
			// configuration).
			exitCode = startupExitCode(ex).code();
		}
		System.exit(exitCode);
	}

	/**
	 * The application as {@code java -jar} runs it. The command runner is added here, not
	 * found by component scanning, so that tests starting the context run no audit of
	 * their own.
	 */
	public static SpringApplication application() {
		return new SpringApplication(IamUserAuditApplication.class, AuditCommandRunner.class);
	}

	static AuditExitCode startupExitCode(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConfigurationPropertiesBindException
					|| cause instanceof InvalidConfigurationException) {
				return AuditExitCode.INVALID;
			}
		}
		return AuditExitCode.FAILED;
	}

}
