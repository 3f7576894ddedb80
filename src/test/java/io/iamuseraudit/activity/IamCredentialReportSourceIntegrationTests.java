package io.iamuseraudit.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.iamuseraudit.account.AccountAccessException;
import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.account.MemberAccountCredentials;
import io.iamuseraudit.activity.IamCredentialReportSource.Polling;
import io.iamuseraudit.fakeaws.AwsClientsForTests;
import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeOrganization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sts.StsClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Credential reports through the SDK's HTTP stack against a local STS and IAM. */
class IamCredentialReportSourceIntegrationTests {

	private static final String ACCOUNT = "111100000001";

	private static final Polling FAST = new Polling(Duration.ofMillis(10), Duration.ofMillis(40),
			Duration.ofSeconds(5));

	@RegisterExtension
	static final FakeAws aws = new FakeAws();

	private static AwsClientsForTests clients;

	private final LocalDate reportDate = LocalDate.now(ZoneOffset.UTC);

	private FakeOrganization organization;

	private FakeAccount account;

	private MemberAccountCredentials credentials;

	@BeforeAll
	static void startClients() {
		clients = AwsClientsForTests.start("audit.aws.max-attempts=3");
	}

	@AfterAll
	static void stopClients() {
		clients.close();
	}

	@BeforeEach
	void organization() {
		this.organization = new FakeOrganization();
		this.account = this.organization.account(ACCOUNT, "prod");
		Instant now = this.organization.now();
		this.account.user("alice").password(true, now.minusSeconds(86_400)).mfa(true);
		this.account.user("svc").accessKey(1, true, now.minusSeconds(86_400 * 200), null);
		this.organization.account("111100000002", "denied").role(FakeAccount.Role.DENIED);
		aws.organization(this.organization);
		this.credentials = new MemberAccountCredentials(clients.get(StsClient.class), "IamUserAuditRole", null);
	}

	@AfterEach
	void closeCredentials() {
		this.credentials.close();
	}

	@Test
	void reusesAReportYoungerThanFourHoursWithOneCall() {
		this.account.credentialReportAt(this.organization.now().minusSeconds(3 * 3600));

		CredentialReport report = source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(report.generatedAt()).isEqualTo(this.organization.now().minusSeconds(3 * 3600));
		assertThat(report.users()).extracting(CredentialReportRow::user).containsExactly("alice", "svc");
		assertThat(report.root()).isNotNull();
		assertThat(iamCalls()).extracting(FakeCall::operation).containsExactly("GetCredentialReport");
	}

	@Test
	void generatesAReportWhenNoneExistsAndPollsUntilComplete() {
		this.account.reportGenerationPolls(3);

		CredentialReport report = source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(report.users()).hasSize(2);
		assertThat(report.generatedAt()).isAfter(this.organization.now().minusSeconds(60));
		assertThat(iamCalls()).extracting(FakeCall::operation, FakeCall::errorCode)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("GetCredentialReport", "ReportNotPresent"),
					org.assertj.core.groups.Tuple.tuple("GenerateCredentialReport", null),
					org.assertj.core.groups.Tuple.tuple("GenerateCredentialReport", null),
					org.assertj.core.groups.Tuple.tuple("GenerateCredentialReport", null),
					org.assertj.core.groups.Tuple.tuple("GenerateCredentialReport", null),
					org.assertj.core.groups.Tuple.tuple("GetCredentialReport", null));
		assertThat(iamCalls()).allSatisfy(call -> assertThat(call.accountId()).isEqualTo(ACCOUNT));
	}

	@Test
	void generatesANewReportWhenTheLastIsOlderThanFourHours() {
		this.account.credentialReportAt(this.organization.now().minusSeconds(5 * 3600));

		CredentialReport report = source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(report.generatedAt()).isAfter(this.organization.now().minusSeconds(60));
		assertThat(aws.calls("GenerateCredentialReport")).isNotEmpty();
	}

	@Test
	void generatesANewReportWhenTheLastExpired() {
		this.account.credentialReportAt(this.organization.now().minusSeconds(3600)).credentialReportExpired();

		CredentialReport report = source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(report.users()).hasSize(2);
		assertThat(aws.calls("GetCredentialReport").get(0).errorCode()).isEqualTo("ReportExpired");
	}

	@Test
	void waitsWhileAnotherReportIsInProgress() {
		this.account.credentialReportAt(this.organization.now().minusSeconds(3600));
		aws.failNext("GetCredentialReport", 1, 404, "ReportInProgress");
		aws.failNext("GenerateCredentialReport", 1, 409, "LimitExceeded");

		CredentialReport report = source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(report.users()).hasSize(2);
		assertThat(iamCalls()).extracting(FakeCall::errorCode)
			.containsExactly("ReportInProgress", "LimitExceeded", null, null);
	}

	@Test
	void countsTheCallsForTheAccount() {
		clients.apiCallCounter().drain(ACCOUNT);
		this.account.credentialReportAt(this.organization.now().minusSeconds(3600));

		source(FAST).fetch(member(ACCOUNT), this.reportDate);

		assertThat(clients.apiCallCounter().drain(ACCOUNT)).containsEntry("Iam", 1).containsEntry("Sts", 1);
	}

	@Nested
	class Errors {

		@Test
		void aDeniedRoleFailsTheAccountWithoutCallingIam() {
			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(() -> source(FAST).fetch(member("111100000002"), reportDate))
				.withMessageStartingWith(
						"cannot assume arn:aws:iam::111100000002:role/IamUserAuditRole: access denied");
			assertThat(iamCalls()).isEmpty();
		}

		@Test
		void accessDeniedNamesThePermissions() {
			aws.failNext("GetCredentialReport", 1, 403, "AccessDenied");

			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(() -> source(FAST).fetch(member(ACCOUNT), reportDate))
				.withMessageContaining("iam:GenerateCredentialReport and iam:GetCredentialReport");
		}

		@Test
		void aReportThatNeverCompletesGivesUpAfterTheTimeout() {
			account.reportGenerationPolls(1_000);

			assertThatExceptionOfType(AccountAccessException.class)
				.isThrownBy(
						() -> source(new Polling(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(300)))
							.fetch(member(ACCOUNT), reportDate))
				.withMessage("not ready after PT0.3S");
		}

	}

	private IamCredentialReportSource source(Polling polling) {
		return new IamCredentialReportSource(clients.get(IamClient.class), this.credentials,
				new CredentialReportParser(), polling, Clock.systemUTC());
	}

	private MemberAccount member(String id) {
		return new MemberAccount(id, id);
	}

	private static java.util.List<FakeCall> iamCalls() {
		return aws.calls(call -> call.service().equals("iam"));
	}

}
