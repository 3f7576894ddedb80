package io.iamuseraudit.attribution;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.inventory.IamUser;
import io.iamuseraudit.inventory.SampleOrganization;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Creators from the sample organization's {@code CreateUser} events, which stand for both
 * CloudTrail's event history and the organization trail's archive. Thread-safe.
 */
public final class SampleCreatorSource implements CreatorSource {

	private static final Log logger = LogFactory.getLog(SampleCreatorSource.class);

	private final List<CreateUserEvent> events;

	public SampleCreatorSource(SampleOrganization organization, CreateUserEvents parser) {
		this.events = parseAll(organization.createUserEvents(), parser);
	}

	@Override
	public Map<String, Creator> findCreators(MemberAccount account, List<IamUser> users, LocalDate reportDate) {
		var historyStart = reportDate.atStartOfDay(ZoneOffset.UTC).toInstant().minus(CloudTrailRetention.EVENT_HISTORY);
		Map<String, Creator> creators = new HashMap<>();
		for (IamUser user : users) {
			Creator creator = this.events.stream()
				.filter(event -> event.created(user))
				.findFirst()
				.map(event -> event.creator().from("sample"))
				.orElseGet(() -> CloudTrailRetention.notFound(user, historyStart));
			creators.put(user.userId(), creator);
		}
		return creators;
	}

	private static List<CreateUserEvent> parseAll(List<String> records, CreateUserEvents parser) {
		List<CreateUserEvent> events = new ArrayList<>();
		for (String record : records) {
			try {
				CreateUserEvent event = parser.parse(record);
				if (event != null) {
					events.add(event);
				}
			}
			catch (IllegalArgumentException ex) {
				logger.warn("Sample CloudTrail record skipped: " + ex.getMessage());
			}
		}
		return List.copyOf(events);
	}

}
