package io.iamuseraudit.inventory;

import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.iamuseraudit.inventory.InventoryRow.DeletedUser;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.InventoryRow.RejectedRow;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryRowParserTests {

	private static final String ROW = """
			{"accountId":"104857600123","awsRegion":"us-east-1","arn":"arn:aws:iam::104857600123:user/service/svc-jenkins",
			"resourceId":"AIDAE76MA6CA2SSNPCOI2","resourceName":"svc-jenkins","resourceCreationTime":"2018-02-06T11:02:17.000Z",
			"configurationItemStatus":"OK","configurationItemCaptureTime":"2026-11-23T22:54:40.333Z",
			"configuration":{"createDate":"2018-02-06T11:02:17.000Z","path":"/service/",
			"groupList":["ci"],"attachedManagedPolicies":[{"policyArn":"arn:aws:iam::aws:policy/AdministratorAccess",
			"policyName":"AdministratorAccess"}],"userPolicyList":[{"policyName":"inline-s3","policyDocument":"%7B%7D"}]},
			"tags":[{"key":"team","value":"@platform-team"},{"key":"Owner","value":"Zoë Ångström"}]}""";

	private final InventoryRowParser parser = new InventoryRowParser(JsonMapper.builder().build());

	@Test
	void readsEveryFieldOfAUserByName() {
		LiveUser live = (LiveUser) this.parser.parse(new RawRow(1, ROW));

		IamUser user = live.user();
		assertThat(user.accountId()).isEqualTo("104857600123");
		assertThat(user.userId()).isEqualTo("AIDAE76MA6CA2SSNPCOI2");
		assertThat(user.userName()).isEqualTo("svc-jenkins");
		assertThat(user.arn()).isEqualTo("arn:aws:iam::104857600123:user/service/svc-jenkins");
		assertThat(user.path()).isEqualTo("/service/");
		assertThat(user.createdAt()).isEqualTo(Instant.parse("2018-02-06T11:02:17Z"));
		assertThat(user.groups()).containsExactly("ci");
		assertThat(user.attachedPolicies()).containsExactly("AdministratorAccess");
		assertThat(user.inlinePolicies()).containsExactly("inline-s3");
		assertThat(user.tags()).containsExactly(new Tag("team", "@platform-team"), new Tag("Owner", "Zoë Ångström"));
		assertThat(user.regions()).containsExactly("us-east-1");
		assertThat(live.capturedAt()).isEqualTo(Instant.parse("2026-11-23T22:54:40.333Z"));
		assertThat(live.problems()).isEmpty();
	}

	@Test
	void notesACaptureTimeThatIsNotADate() {
		LiveUser live = (LiveUser) this.parser
			.parse(new RawRow(1, ROW.replace("2026-11-23T22:54:40.333Z", "yesterday")));

		assertThat(live.capturedAt()).isNull();
		assertThat(live.problems()).containsExactly("configurationItemCaptureTime is not a date");
	}

	@Test
	void fallsBackToResourceCreationTime() {
		String row = ROW.replace("\"createDate\":\"2018-02-06T11:02:17.000Z\",", "")
			.replace("\"resourceCreationTime\":\"2018-02-06T11:02:17.000Z\"",
					"\"resourceCreationTime\":\"2019-01-01T00:00:00Z\"");

		assertThat(((LiveUser) this.parser.parse(new RawRow(1, row))).user().createdAt())
			.isEqualTo(Instant.parse("2019-01-01T00:00:00Z"));
	}

	@Test
	void treatsAbsentListsAsEmpty() {
		String row = """
				{"accountId":"104857600123","resourceId":"AIDAX","resourceName":"bare"}""";

		LiveUser live = (LiveUser) this.parser.parse(new RawRow(1, row));

		assertThat(live.user().tags()).isEmpty();
		assertThat(live.user().groups()).isEmpty();
		assertThat(live.user().path()).isEqualTo("/");
		assertThat(live.problems()).containsExactly("creation date missing");
	}

	@Test
	void skipsDeletedUsers() {
		assertThat(this.parser.parse(new RawRow(1, ROW.replace("\"OK\"", "\"ResourceDeleted\""))))
			.isInstanceOf(DeletedUser.class);
		assertThat(this.parser.parse(new RawRow(1, ROW.replace("\"OK\"", "\"ResourceDeletedNotRecorded\""))))
			.isInstanceOf(DeletedUser.class);
	}

	@Nested
	class BadRows {

		@Test
		void rejectsInvalidJsonWithItsStart() {
			RejectedRow rejected = (RejectedRow) InventoryRowParserTests.this.parser
				.parse(new RawRow(7, "{\"accountId\":"));

			assertThat(rejected.rowNumber()).isEqualTo(7);
			assertThat(rejected.reason()).startsWith("invalid JSON");
			assertThat(rejected.excerpt()).isEqualTo("{\"accountId\":");
		}

		@Test
		void rejectsRowsWithoutAUsableAccountId() {
			RejectedRow rejected = (RejectedRow) InventoryRowParserTests.this.parser
				.parse(new RawRow(1, ROW.replace("\"104857600123\",\"awsRegion\"", "104857600123,\"awsRegion\"")));

			assertThat(rejected.reason()).contains("accountId");
			assertThat(rejected.accountId()).isNull();
		}

		@Test
		void rejectsRowsWithoutAUserNameAndNamesTheAccount() {
			RejectedRow rejected = (RejectedRow) InventoryRowParserTests.this.parser
				.parse(new RawRow(1, ROW.replace("\"resourceName\":\"svc-jenkins\",", "")));

			assertThat(rejected.accountId()).isEqualTo("104857600123");
			assertThat(rejected.reason()).contains("resourceName");
		}

		@Test
		void keepsAUserWhoseTagsAreUnreadable() {
			LiveUser live = (LiveUser) InventoryRowParserTests.this.parser
				.parse(new RawRow(1, ROW.replace("\"tags\":[", "\"tags\":\"oops\",\"x\":[")));

			assertThat(live.user().tags()).isEmpty();
			assertThat(live.problems()).containsExactly("tags is not a list");
		}

		@Test
		void keepsAUserWithAnUnreadableDate() {
			LiveUser live = (LiveUser) InventoryRowParserTests.this.parser.parse(new RawRow(1,
					ROW.replace("\"createDate\":\"2018-02-06T11:02:17.000Z\"", "\"createDate\":\"yesterday\"")));

			assertThat(live.user().createdAt()).isNull();
			assertThat(live.problems()).containsExactly("configuration.createDate is not a date");
		}

		@Test
		void capsHugeTagLists() {
			String tags = IntStream.range(0, 5000)
				.mapToObj(i -> "{\"key\":\"k" + i + "\",\"value\":\"v\"}")
				.collect(Collectors.joining(","));
			LiveUser live = (LiveUser) InventoryRowParserTests.this.parser
				.parse(new RawRow(1, ROW.replaceFirst("\"tags\":\\[.*]}$", "\"tags\":[" + tags + "]}")));

			assertThat(live.user().tags()).hasSize(InventoryRowParser.MAX_TAGS);
			assertThat(live.problems()).containsExactly("5000 tags; only the first 200 are kept");
		}

		@Test
		void makesControlCharactersInExcerptsHarmless() {
			RejectedRow rejected = (RejectedRow) InventoryRowParserTests.this.parser
				.parse(new RawRow(1, "\u0000\u001b[31mnot json\r\n"));

			assertThat(rejected.excerpt()).doesNotContainPattern("\\p{Cntrl}").contains("not json");
		}

	}

}
