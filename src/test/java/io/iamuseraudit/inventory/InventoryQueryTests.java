package io.iamuseraudit.inventory;

import io.iamuseraudit.InvalidConfigurationException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class InventoryQueryTests {

	@Test
	void acceptsTheBundledQueryWithoutItsComments() {
		InventoryQuery query = InventoryQuery.load("jobs/iam-users.sql");

		assertThat(query.expression()).startsWith("SELECT accountId, awsRegion, arn, resourceId,")
			.endsWith("WHERE resourceType = 'AWS::IAM::User' ORDER BY accountId")
			.doesNotContain("--")
			.doesNotContain("\n");
	}

	@Test
	void acceptsAnOperatorsExtraConditionAndFields() {
		InventoryQuery query = InventoryQuery.parse("q.sql", """
				SELECT accountId, awsRegion, arn, resourceId, resourceName, configurationItemStatus, configuration,
				  tags, configuration.userName -- one more
				WHERE resourceType = 'AWS::IAM::User' AND configuration.path BEGINNING WITH '/team/';
				""");

		assertThat(query.expression()).endsWith("BEGINNING WITH '/team/'");
	}

	@Nested
	class Refuses {

		@Test
		void aQueryMissingRequiredFieldsNamingFileAndFields() {
			assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(() -> InventoryQuery.parse(
					"jobs/mine.sql",
					"SELECT accountId, resourceId, resourceName, configuration.createDate WHERE resourceType = 'AWS::IAM::User'"))
				.withMessageStartingWith(
						"The inventory query jobs/mine.sql is refused: it does not select awsRegion, arn, "
								+ "configurationItemStatus, configuration.path, configuration.groupList, "
								+ "configuration.attachedManagedPolicies, configuration.userPolicyList, tags");
		}

		@Test
		void selectStarWhichOmitsConfigurationAndTags() {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> InventoryQuery.parse("q.sql", "SELECT * WHERE resourceType = 'AWS::IAM::User'"))
				.withMessageContaining("does not select accountId");
		}

		@Test
		void aQueryWithoutTheIamUserCondition() {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> InventoryQuery.parse("q.sql", "SELECT accountId, awsRegion, arn, resourceId, "
						+ "resourceName, configurationItemStatus, configuration, tags WHERE accountId = '123456789012'"))
				.withMessageContaining("resourceType = 'AWS::IAM::User'");
		}

		@Test
		void somethingElseThanASelect() {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> InventoryQuery.parse("q.sql", "DELETE everything"))
				.withMessageContaining("starting with SELECT");
		}

		@Test
		void aMissingFile() {
			assertThatExceptionOfType(InvalidConfigurationException.class)
				.isThrownBy(() -> InventoryQuery.load("jobs/no-such-query.sql"))
				.withMessageContaining("jobs/no-such-query.sql does not exist (audit.aws.config.query-file)");
		}

	}

}
