package io.iamuseraudit.inventory;

import java.util.ArrayList;
import java.util.List;

import io.iamuseraudit.InvalidConfigurationException;
import io.iamuseraudit.fakeaws.AwsClientsForTests;
import io.iamuseraudit.fakeaws.FakeAccount;
import io.iamuseraudit.fakeaws.FakeAws;
import io.iamuseraudit.fakeaws.FakeCall;
import io.iamuseraudit.fakeaws.FakeOrganization;
import io.iamuseraudit.inventory.InventoryRow.DeletedUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.config.ConfigClient;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Config aggregator inventory, through the SDK's HTTP stack against a local Config.
 */
class ConfigAggregatorInventorySourceIntegrationTests {

	@RegisterExtension
	static final FakeAws aws = new FakeAws();

	private static AwsClientsForTests clients;

	private final InventoryRowParser parser = new InventoryRowParser(JsonMapper.builder().build());

	private FakeOrganization organization;

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
		FakeAccount prod = this.organization.account("111100000001", "prod");
		for (int i = 0; i < 180; i++) {
			prod.user("prod-" + i).tag("owner", "team-" + (i % 7)).group("developers");
		}
		FakeAccount data = this.organization.account("111100000002", "data");
		for (int i = 0; i < 50; i++) {
			data.user("data-" + i).attachedPolicy("ReadOnlyAccess").inlinePolicy("bucket-access");
		}
		aws.organization(this.organization);
	}

	@Test
	void readsEveryPageOfAHundredRows() {
		List<String> rows = readAll(source("OrgAggregator"));

		assertThat(rows).hasSize(230);
		assertThat(aws.calls("SelectAggregateResourceConfig")).hasSize(3)
			.allSatisfy(call -> assertThat(call.request()).contains("\"Limit\":100"));
		assertThat(aws.calls("SelectAggregateResourceConfig").get(0).request()).doesNotContain("NextToken");
		assertThat(aws.calls("SelectAggregateResourceConfig").get(1).request()).contains("NextToken");
	}

	@Test
	void rowsAreNestedByPathAndParseIntoUsers() {
		List<InventoryRow> rows = readAll(source("OrgAggregator")).stream()
			.map(json -> this.parser.parse(new RawRow(1, json)))
			.toList();

		assertThat(rows).allSatisfy(row -> assertThat(row).isInstanceOf(LiveUser.class));
		IamUser data0 = rows.stream()
			.map(row -> ((LiveUser) row).user())
			.filter(user -> user.userName().equals("data-0"))
			.findFirst()
			.orElseThrow();
		assertThat(data0.accountId()).isEqualTo("111100000002");
		assertThat(data0.createdAt())
			.isEqualTo(this.organization.findAccount("111100000002").orElseThrow().users().get(0).createdAt());
		assertThat(data0.attachedPolicies()).containsExactly("ReadOnlyAccess");
		assertThat(data0.inlinePolicies()).containsExactly("bucket-access");
		assertThat(data0.regions()).containsExactly("us-east-1");
		assertThat(rows).allSatisfy(row -> assertThat(((LiveUser) row).problems()).isEmpty());
	}

	@Test
	void retriesAThrottledPage() {
		aws.failNext("SelectAggregateResourceConfig", 1, 400, "ThrottlingException");

		List<String> rows = readAll(source("OrgAggregator"));

		assertThat(rows).hasSize(230);
		assertThat(aws.calls("SelectAggregateResourceConfig")).extracting(FakeCall::status)
			.containsExactly(400, 200, 200, 200);
	}

	@Test
	void returnsDuplicatesFromASecondRegionDeletedUsersAndMalformedRowsForTheParserToSort() {
		this.organization.findAccount("111100000001").orElseThrow().users().get(3).alsoRecordedIn("eu-west-1");
		this.organization.deletedUser("111100000001", "gone", "AIDAGONE000000000001");
		this.organization.rawConfigRow("{\"accountId\":\"111100000002\",\"resourceName\":");

		List<InventoryRow> rows = readAll(source("OrgAggregator")).stream()
			.map(json -> this.parser.parse(new RawRow(1, json)))
			.toList();

		assertThat(rows).hasSize(233);
		assertThat(rows).filteredOn(DeletedUser.class::isInstance).hasSize(1);
		assertThat(rows).filteredOn(RejectedRow.class::isInstance)
			.singleElement()
			.satisfies(row -> assertThat(((RejectedRow) row).reason()).startsWith("invalid JSON"));
		assertThat(rows).filteredOn(LiveUser.class::isInstance)
			.map(row -> ((LiveUser) row).user())
			.filteredOn(user -> user.userName().equals("prod-3"))
			.extracting(user -> user.regions().get(0))
			.containsExactly("us-east-1", "eu-west-1");
	}

	@Test
	void tellsHowFreshEachAggregatorSourceIs() {
		this.organization.sourceStatus("111100000001", "us-east-1", "SUCCEEDED", this.organization.now())
			.sourceStatus("111100000002", "us-east-1", "FAILED", null);

		assertThat(source("OrgAggregator").aggregatorSources())
			.extracting(AggregatorSource::sourceId, AggregatorSource::status, AggregatorSource::stale)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("111100000001", "SUCCEEDED", false),
					org.assertj.core.groups.Tuple.tuple("111100000002", "FAILED", true));
		assertThat(source("OrgAggregator").aggregatorSources().get(1).error()).startsWith("AccessDeniedException");
	}

	@Nested
	class Errors {

		@Test
		void anUnknownAggregatorIsInvalidConfiguration() {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> source("NoSuchAggregator").fetchPage(null))
				.withMessageContaining("AWS Config aggregator NoSuchAggregator in us-east-1 does not exist")
				.withMessageContaining("audit.aws.config.aggregator-name");
			assertThat(aws.calls("SelectAggregateResourceConfig")).hasSize(1);
		}

		@Test
		void aQueryConfigRefusesIsInvalidConfigurationNamingTheFile() {
			InventoryQuery query = new InventoryQuery("jobs/custom.sql",
					"SELECT accountId, nonsense WHERE resourceType = 'AWS::IAM::User'");
			ConfigAggregatorInventorySource source = new ConfigAggregatorInventorySource(
					clients.get(ConfigClient.class), "OrgAggregator", "us-east-1", query);

			assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> source.fetchPage(null))
				.withMessageStartingWith("AWS Config refused the inventory query jobs/custom.sql: "
						+ "InvalidExpressionException: Invalid property: nonsense");
		}

		@Test
		void accessDeniedIsInvalidConfigurationNamingThePermission() {
			aws.failNext("SelectAggregateResourceConfig", 1, 400, "AccessDeniedException");

			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> source("OrgAggregator").fetchPage(null))
				.withMessageContaining("config:SelectAggregateResourceConfig");
		}

		@Test
		void anExpiredNextTokenFailsTheRunForARestart() {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> source("OrgAggregator").fetchPage("expired"))
				.withMessageContaining("next token expired")
				.withMessageContaining("run the same command again");
		}

		@Test
		void anOutageThatOutlastsTheRetriesFailsTheRun() {
			aws.failNext("SelectAggregateResourceConfig", 3, 503, "ServiceUnavailable");

			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> source("OrgAggregator").fetchPage(null))
				.withMessageContaining("ServiceUnavailable");
			assertThat(aws.calls("SelectAggregateResourceConfig")).hasSize(3);
		}

		@Test
		void freshnessThatCannotBeReadIsOnlyUnknown() {
			aws.failNext("DescribeConfigurationAggregatorSourcesStatus", 1, 400, "AccessDeniedException");

			assertThat(source("OrgAggregator").aggregatorSources()).isEmpty();
		}

	}

	private static ConfigAggregatorInventorySource source(String aggregatorName) {
		return new ConfigAggregatorInventorySource(clients.get(ConfigClient.class), aggregatorName, "us-east-1",
				InventoryQuery.load("jobs/iam-users.sql"));
	}

	private static List<String> readAll(InventorySource source) {
		InventoryItemReader reader = new InventoryItemReader(source, 0);
		List<String> rows = new ArrayList<>();
		for (RawRow row = reader.read(); row != null; row = reader.read()) {
			rows.add(row.json());
		}
		return rows;
	}

}
