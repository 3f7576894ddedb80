package io.iamuseraudit.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.iamuseraudit.TestDatabases;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.InventoryRow;
import io.iamuseraudit.inventory.InventoryRow.LiveUser;
import io.iamuseraudit.inventory.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collect step's writes of a user that several regions' recorders report (IAM is
 * global), in one chunk or across chunks.
 */
class AuditedUsersTests {

	private static final LocalDate REPORT_DATE = LocalDate.of(2026, 11, 24);

	private static final String ACCOUNT = "104857600123";

	private static final Instant EARLY = Instant.parse("2026-11-23T08:00:00Z");

	private static final Instant MIDDLE = Instant.parse("2026-11-23T12:00:00Z");

	private static final Instant LATE = Instant.parse("2026-11-23T18:00:00Z");

	private final DriverManagerDataSource dataSource = TestDatabases.migratedHistory();

	private final AuditedUsers users = new AuditedUsers(this.dataSource, JsonMapper.builder().build());

	private final CollectedRowsWriter writer = new CollectedRowsWriter(REPORT_DATE, this.users,
			new RejectedRows(new JdbcTemplate(this.dataSource)));

	@Test
	void keepsEveryRegionAndTheLatestCaptureOfAUserRepeatedInOneChunk() throws Exception {
		write(row("us-east-1", MIDDLE, "middle"), row("eu-west-1", LATE, "late"), row("ap-south-1", EARLY, "early"),
				other());

		IamUser alice = onlyAlice();
		assertThat(alice.regions()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
		assertThat(alice.groups()).containsExactly("late");
		assertThat(this.users.count(REPORT_DATE)).isEqualTo(2);
	}

	@Test
	void keepsEveryRegionAndTheLatestCaptureOfAUserRepeatedAcrossChunks() throws Exception {
		write(row("us-east-1", EARLY, "early"), other());
		write(row("eu-west-1", LATE, "late"));
		write(row("ap-south-1", MIDDLE, "middle"));

		IamUser alice = onlyAlice();
		assertThat(alice.regions()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
		assertThat(alice.groups()).containsExactly("late");
		assertThat(alice.tags()).containsExactly(new Tag("Owner", "late"));
		assertThat(this.users.count(REPORT_DATE)).isEqualTo(2);
	}

	@Test
	void replacesTheStoredFieldsWithALaterCaptureFromAnotherChunk() throws Exception {
		write(row("us-east-1", EARLY, "early"));
		write(row("eu-west-1", MIDDLE, "middle"), row("ap-south-1", LATE, "late"));

		IamUser alice = onlyAlice();
		assertThat(alice.regions()).containsExactly("us-east-1", "eu-west-1", "ap-south-1");
		assertThat(alice.groups()).containsExactly("late");
	}

	@Test
	void writingTheSameChunkAgainChangesNothing() throws Exception {
		write(row("us-east-1", EARLY, "early"), row("eu-west-1", LATE, "late"));
		write(row("us-east-1", EARLY, "early"), row("eu-west-1", LATE, "late"));

		IamUser alice = onlyAlice();
		assertThat(alice.regions()).containsExactly("us-east-1", "eu-west-1");
		assertThat(alice.groups()).containsExactly("late");
	}

	@Test
	void aRowWithoutCaptureTimeOnlyAddsItsRegion() throws Exception {
		write(row("us-east-1", EARLY, "early"));
		write(row("eu-west-1", null, "unknown"));

		IamUser alice = onlyAlice();
		assertThat(alice.regions()).containsExactly("us-east-1", "eu-west-1");
		assertThat(alice.groups()).containsExactly("early");
	}

	private void write(InventoryRow... rows) throws Exception {
		this.writer.write(new Chunk<>(rows));
	}

	private IamUser onlyAlice() {
		List<IamUser> alices = this.users.ofAccount(REPORT_DATE, ACCOUNT)
			.stream()
			.filter((user) -> user.userName().equals("alice"))
			.toList();
		assertThat(alices).hasSize(1);
		return alices.get(0);
	}

	/** Alice as one region's recorder saw her; the marker is her group and owner. */
	private static LiveUser row(String region, Instant capturedAt, String marker) {
		return new LiveUser(
				new IamUser(ACCOUNT, "AIDAALICE", "alice", "arn:aws:iam::" + ACCOUNT + ":user/alice", "/", EARLY,
						List.of(new Tag("Owner", marker)), List.of(marker), List.of(), List.of(), List.of(region)),
				capturedAt, List.of());
	}

	private static LiveUser other() {
		return new LiveUser(new IamUser(ACCOUNT, "AIDABOB", "bob", "arn:aws:iam::" + ACCOUNT + ":user/bob", "/", EARLY,
				List.of(), List.of(), List.of(), List.of(), List.of("us-east-1")), EARLY, List.of());
	}

}
