package io.iamuseraudit.fakeaws;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * CloudTrail's event history (awsJson1.1, {@code CloudTrail_20131101.LookupEvents}): the
 * caller's own account only, the last 90 days, newest first, {@code MaxResults} ≤ 50, and
 * the quota of 2 requests per second per account (more in any one-second window: 400
 * {@code ThrottlingException}). Every fifth creation also left a failed attempt just
 * before it. Thread-safe.
 */
final class FakeCloudTrail {

	static final Duration RETENTION = Duration.ofDays(90);

	private final Map<String, Deque<Long>> accepted = new ConcurrentHashMap<>();

	private volatile int requestsPerSecond = 2;

	private volatile long throttled;

	void requestsPerSecond(int rate) {
		this.requestsPerSecond = rate;
	}

	/** Forgets earlier requests: a new test starts with its quota untouched. */
	void reset() {
		this.accepted.clear();
		this.throttled = 0;
		this.requestsPerSecond = 2;
	}

	long throttled() {
		return this.throttled;
	}

	JsonNode handle(FakeRequest request, FakeOrganization organization) {
		if (!request.operation().equals("LookupEvents")) {
			throw new AwsError(400, "UnknownOperationException", request.operation());
		}
		admit(request.accountId());
		JsonNode body = request.json();
		int maxResults = body.path("MaxResults").asInt(50);
		if (maxResults < 1 || maxResults > 50) {
			throw new AwsError(400, "InvalidMaxResultsException", "MaxResults must be between 1 and 50");
		}
		List<ObjectNode> events = events(organization, request.accountId(), body);
		int from = body.path("NextToken").isString() ? offset(body.path("NextToken").asString()) : 0;
		int to = Math.min(from + maxResults, events.size());
		ObjectNode response = JsonNodeFactory.instance.objectNode();
		ArrayNode list = response.putArray("Events");
		events.subList(from, to).forEach(list::add);
		if (to < events.size()) {
			response.put("NextToken", "page-" + to);
		}
		return response;
	}

	private void admit(String accountId) {
		long now = System.nanoTime();
		Deque<Long> times = this.accepted.computeIfAbsent(accountId, key -> new ArrayDeque<>());
		synchronized (times) {
			while (!times.isEmpty() && now - times.peekFirst() >= 1_000_000_000L) {
				times.removeFirst();
			}
			if (times.size() >= this.requestsPerSecond) {
				this.throttled++;
				throw AwsError.throttling("Rate exceeded");
			}
			times.addLast(now);
		}
	}

	private static List<ObjectNode> events(FakeOrganization organization, String accountId, JsonNode body) {
		FakeAccount account = organization.findAccount(accountId).orElse(null);
		JsonNode attributes = body.path("LookupAttributes");
		if (account == null || attributes.size() != 1
				|| !attributes.get(0).path("AttributeKey").asString("").equals("EventName")
				|| !attributes.get(0).path("AttributeValue").asString("").equals("CreateUser")) {
			return List.of();
		}
		Instant oldest = organization.now().minus(RETENTION);
		Instant start = body.has("StartTime") ? epoch(body.get("StartTime")) : oldest;
		Instant end = body.has("EndTime") ? epoch(body.get("EndTime")) : Instant.MAX;
		List<ObjectNode> records = new ArrayList<>();
		int created = 0;
		for (FakeUser user : account.users) {
			if (user.creator == null || user.createdAt == null) {
				continue;
			}
			records.add(FakeDocuments.createUserRecord(user));
			if (++created % 5 == 0) {
				records.add(FakeDocuments.failedCreateUserRecord(user));
			}
		}
		List<ObjectNode> events = new ArrayList<>();
		for (int i = 0; i < account.rawCloudTrailEvents.size(); i++) {
			events.add(rawEvent(account, i, organization.now()));
		}
		records.stream().filter(record -> {
			Instant time = Instant.parse(record.path("eventTime").asString());
			return !time.isBefore(oldest) && !time.isBefore(start) && !time.isAfter(end);
		})
			.sorted(Comparator.comparing((ObjectNode record) -> record.path("eventTime").asString()).reversed())
			.map(FakeCloudTrail::event)
			.forEach(events::add);
		return events;
	}

	private static ObjectNode rawEvent(FakeAccount account, int index, Instant now) {
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		event.put("EventId", "raw-" + account.id + "-" + index);
		event.put("EventName", "CreateUser");
		event.put("EventTime", now.getEpochSecond());
		event.put("EventSource", "iam.amazonaws.com");
		event.put("CloudTrailEvent", account.rawCloudTrailEvents.get(index));
		return event;
	}

	private static ObjectNode event(ObjectNode record) {
		ObjectNode event = JsonNodeFactory.instance.objectNode();
		event.put("EventId", record.path("eventID").asString());
		event.put("EventName", "CreateUser");
		event.put("ReadOnly", "false");
		event.put("AccessKeyId", record.path("userIdentity").path("accessKeyId").asString());
		event.put("EventTime", Instant.parse(record.path("eventTime").asString()).getEpochSecond());
		event.put("EventSource", "iam.amazonaws.com");
		event.put("Username", record.path("userIdentity").path("userName").asString(""));
		event.putArray("Resources")
			.addObject()
			.put("ResourceType", "AWS::IAM::User")
			.put("ResourceName", record.path("requestParameters").path("userName").asString());
		event.put("CloudTrailEvent", record.toString());
		return event;
	}

	private static Instant epoch(JsonNode value) {
		double seconds = value.asDouble();
		return Instant.ofEpochMilli(Math.round(seconds * 1000));
	}

	private static int offset(String token) {
		if (!token.startsWith("page-")) {
			throw new AwsError(400, "InvalidNextTokenException", "Invalid NextToken");
		}
		return Integer.parseInt(token.substring("page-".length()));
	}

}
