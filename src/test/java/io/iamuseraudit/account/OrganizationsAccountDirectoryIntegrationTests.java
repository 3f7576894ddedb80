package io.iamuseraudit.account;

import io.iamuseraudit.fakeaws.AwsClientsForTests;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.fakeaws.FakeOrganization.OrganizationsAccess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.organizations.OrganizationsClient;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OrganizationsAccountDirectoryIntegrationTests {

	@RegisterExtension
	static final FakeAws aws = new FakeAws();

	private static AwsClientsForTests clients;

	private FakeOrganization organization;

	@BeforeAll
	static void startClients() {
		clients = AwsClientsForTests.start();
	}

	@AfterAll
	static void stopClients() {
		clients.close();
	}

	@BeforeEach
	void organization() {
		this.organization = new FakeOrganization();
		for (int i = 1; i <= 30; i++) {
			this.organization.account("1111000000%02d".formatted(i), "account-" + i);
		}
		aws.organization(this.organization);
	}

	@Test
	void namesEveryAccountAcrossPages() {
		assertThat(directory().accountNames()).hasSize(30)
			.containsEntry("111100000001", "account-1")
			.containsEntry("111100000030", "account-30");
		assertThat(aws.calls("ListAccounts")).hasSize(2)
			.allSatisfy(call -> assertThat(call.accountId()).isEqualTo(FakeOrganization.ADMIN_ACCOUNT));
	}

	@Test
	void letsIdsStandInWithOneWarningWhenDenied(CapturedOutput output) {
		this.organization.organizationsAccess(OrganizationsAccess.DENIED);

		assertThat(directory().accountNames()).isEmpty();
		assertThat(output.getOut()).containsOnlyOnce("Cannot list the organization's accounts (AccessDeniedException")
			.contains("organizations:ListAccounts");
	}

	@Test
	void letsIdsStandInOutsideAnOrganization(CapturedOutput output) {
		this.organization.organizationsAccess(OrganizationsAccess.NOT_IN_ORGANIZATION);

		assertThat(directory().accountNames()).isEmpty();
		assertThat(output.getOut()).contains("not in an AWS organization");
	}

	private static OrganizationsAccountDirectory directory() {
		return new OrganizationsAccountDirectory(clients.get(OrganizationsClient.class));
	}

}
