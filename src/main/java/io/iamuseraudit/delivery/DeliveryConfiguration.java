package io.iamuseraudit.delivery;

import java.time.Clock;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.history.ApiCalls;
import io.iamuseraudit.history.AuditRuns;
import io.iamuseraudit.report.ReportSummaries;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where reports go: an S3 bucket when {@code audit.archive.bucket} is set, else
 * {@code <output-dir>/archive/}; SES when {@code audit.email.from} is set, else
 * {@code <output-dir>/outbox/}.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	ArchiveKeys archiveKeys(AuditProperties properties) {
		return new ArchiveKeys(properties.archive().prefix());
	}

	@Bean
	ReportArchive reportArchive(AuditProperties properties, ObjectProvider<S3Client> s3, String auditVersion) {
		ArchiveProperties archive = properties.archive();
		if (archive.bucket() != null) {
			return new S3ReportArchive(s3.getObject(), archive, auditVersion, Clock.systemUTC());
		}
		return new LocalReportArchive(properties.outputDir().resolve("archive").toAbsolutePath());
	}

	@Bean
	ReportMailer reportMailer(AuditProperties properties, ObjectProvider<SesV2Client> ses) {
		if (properties.email().viaSes()) {
			return new SesReportMailer(ses.getObject(), properties.email());
		}
		return new OutboxReportMailer(properties.outputDir().resolve("outbox"));
	}

	@Bean
	ReportEmail reportEmail(ReportSummaries summaries, ReportMailer mailer, DeliveryLog deliveries,
			ReportArchive archive, ArchiveKeys keys, AuditProperties properties) {
		return new ReportEmail(summaries, new AuditEmail(properties.email()), mailer, deliveries, archive, keys,
				properties.outputDir());
	}

	@Bean
	FailureNotice failureNotice(ReportMailer mailer, AuditProperties properties) {
		return new FailureNotice(properties.email(), mailer);
	}

	@Bean
	ArchiveReportsTasklet archiveReportsTasklet(ReportArchive archive, ArchiveKeys keys, DeliveryLog deliveries,
			AuditRuns runs, ApiCalls apiCalls, ReportSummaries summaries, JsonMapper json, String auditVersion,
			AuditProperties properties) {
		return new ArchiveReportsTasklet(archive, keys, deliveries, runs, apiCalls, summaries, json,
				properties.outputDir(), auditVersion);
	}

	@Bean
	EmailReportTasklet emailReportTasklet(ReportEmail email, AuditProperties properties) {
		return new EmailReportTasklet(email, properties.email().resend());
	}

}
