package io.iamuseraudit.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.iamuseraudit.activity.ActivityStatus;
import io.iamuseraudit.activity.UserActivity;
import io.iamuseraudit.attribution.Creator;
import io.iamuseraudit.attribution.Owner;
import io.iamuseraudit.history.AuditedUser;
import io.iamuseraudit.history.Comparison;
import io.iamuseraudit.inventory.IamUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class EvidenceFileTests {

	@TempDir
	Path dir;

	@Test
	void failureWhileReadingUsersLeavesPreviousFileAsItWas() throws Exception {
		Path file = Files.writeString(this.dir.resolve("users.jsonl.gz"), "the previous attempt's evidence");
		Stream<AuditedUser> brokenOff = Stream.concat(Stream.of(user()), Stream.generate(() -> {
			throw new IllegalStateException("connection to the history database lost");
		}));

		assertThatIllegalStateException().isThrownBy(() -> write(brokenOff, file));

		assertThat(file).hasContent("the previous attempt's evidence");
		assertThat(this.dir.toFile().list()).containsExactly("users.jsonl.gz");
	}

	private static AuditedUser user() {
		IamUser user = new IamUser("111122223333", "AIDAEXAMPLE", "alice", "arn:aws:iam::111122223333:user/alice", "/",
				Instant.parse("2026-01-01T00:00:00Z"), List.of(), List.of(), List.of(), List.of(),
				List.of("us-east-1"));
		return new AuditedUser(user, "platform", Owner.NONE, Creator.unknown("not looked up"),
				UserActivity.unknown(ActivityStatus.UNAVAILABLE), List.of(), Comparison.NONE, List.of());
	}

	/**
	 * What the render step does with the users: the file is complete or left as it was.
	 */
	private static void write(Stream<AuditedUser> users, Path file) {
		try (EvidenceFile.Lines lines = new EvidenceFile(JsonMapper.builder().build()).open(file)) {
			users.forEach(lines);
			lines.finish();
		}
	}

}
