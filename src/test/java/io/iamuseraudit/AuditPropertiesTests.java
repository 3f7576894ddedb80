package io.iamuseraudit;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code audit.*} property refuses a wrong value, and says which property it is.
 */
class AuditPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
				ValidationAutoConfiguration.class))
		.withUserConfiguration(Properties.class);

	@Test
	void defaultsAreValid() {
		this.context.run((context) -> {
			AuditProperties properties = context.getBean(AuditProperties.class);

			assertThat(properties.source()).isEqualTo(AuditProperties.Source.SAMPLE);
			assertThat(properties.owner().tagKeys()).containsExactly("owner", "technical-owner", "team", "contact");
			assertThat(properties.findings().inactiveDays()).isEqualTo(90);
			assertThat(properties.email().maxMessageBytes()).isEqualTo(DataSize.ofMegabytes(40));
			assertThat(properties.archive().prefix()).isEqualTo("iam-user-audit/");
			assertThat(properties.delivery().enabled()).isTrue();
		});
	}

	/**
	 * Each row: the properties set (several joined with {@code " & "}), and what the
	 * startup failure must say: a message of the audit's own, or the binder's
	 * {@code on field '...'} naming the property that was refused.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					audit.source=azure                                              | audit.source
					audit.command=delete                                            | audit.command
					audit.fndings.inactive-days=30                                  | audit.fndings
					audit.owner.tag-keys=                                           | on field 'owner.tagKeys'
					audit.findings.inactive-days=0                                  | on field 'findings.inactiveDays'
					audit.findings.inactive-days=many                               | audit.findings.inactive-days
					audit.findings.key-max-age-days=99999                           | on field 'findings.keyMaxAgeDays'
					audit.enrichment.concurrency=0                                  | on field 'enrichment.concurrency'
					audit.enrichment.concurrency=1000                               | on field 'enrichment.concurrency'
					audit.aws.region=moon-1                                         | on field 'aws.region'
					audit.aws.region=cn-north-1                                     | audit.aws.region must be in the standard aws partition
					audit.aws.region=us-gov-west-1                                  | audit.aws.region must be in the standard aws partition
					audit.aws.region=us-isob-east-1                                 | audit.aws.region must be in the standard aws partition
					audit.aws.region=eusc-de-east-1                                 | audit.aws.region must be in the standard aws partition
					audit.aws.member-role-name=role with spaces                     | on field 'aws.memberRoleName'
					audit.aws.member-role-external-id=x                             | on field 'aws.memberRoleExternalId'
					audit.aws.api-call-timeout=0s                                   | on field 'aws.apiCallTimeout'
					audit.aws.api-call-attempt-timeout=-5s                          | on field 'aws.apiCallAttemptTimeout'
					audit.aws.max-attempts=0                                        | on field 'aws.maxAttempts'
					audit.aws.cloudtrail.org-trail-bucket=Bad_Bucket                | on field 'aws.cloudtrail.orgTrailBucket'
					audit.aws.cloudtrail.organization-id=org-123                    | on field 'aws.cloudtrail.organizationId'
					audit.archive.bucket=a                                          | on field 'archive.bucket'
					audit.archive.prefix=no-trailing-slash                          | on field 'archive.prefix'
					audit.archive.prefix=../escape/                                 | on field 'archive.prefix'
					audit.archive.expected-bucket-owner=12345                       | on field 'archive.expectedBucketOwner'
					audit.archive.object-lock-mode=FOREVER                          | audit.archive.object-lock-mode
					audit.archive.object-lock-mode=COMPLIANCE                       | audit.archive.retention-days is required
					audit.archive.retention-days=30                                 | audit.archive.retention-days is required
					audit.email.from=not-an-address & audit.email.to=x@example.com  | on field 'email.from'
					audit.email.from=audit@example.com                              | audit.email.to needs at least one recipient
					audit.email.to=ok@example.com,broken                            | on field 'email.to[1]'
					audit.email.max-message-bytes=100MB                             | audit.email.max-message-bytes must be between
					audit.email.region=europe                                       | on field 'email.region'
					audit.email.region=cn-north-1                                   | audit.email.region must be in the standard aws partition
					audit.email.region=us-gov-west-1                                | audit.email.region must be in the standard aws partition
					audit.email.ops-to=oncall                                       | on field 'email.opsTo[0]'
					audit.email.cc=not-an-address                                   | on field 'email.cc[0]'
					audit.sample.location=                                          | on field 'sample.location'
					audit.aws.config.aggregator-name=                               | on field 'aws.config.aggregatorName'
					audit.aws.config.query-file=                                    | on field 'aws.config.queryFile'
					audit.archive.kms-key-id=                                       | on field 'archive.kmsKeyId'
					audit.delivery.enabled=maybe                                    | audit.delivery.enabled
					audit.history.retention=-1y                                     | audit.history.retention must be a positive period
					audit.history.retention=forever                                 | audit.history.retention
					audit.source=aws                                                | audit.aws.config.aggregator-name is required
					""")
	void refusesAWrongValueNamingTheProperty(String properties, String named) {
		this.context.withPropertyValues(properties.split(" & ")).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(messages(context.getStartupFailure())).contains(named);
		});
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
			Arrays.stream(cause.getSuppressed()).forEach(suppressed -> messages.append(suppressed.getMessage()));
		}
		return messages.toString();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AuditProperties.class)
	static class Properties {

	}

}
