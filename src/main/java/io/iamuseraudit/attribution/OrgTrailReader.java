package io.iamuseraudit.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;

import io.iamuseraudit.account.MemberAccount;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.inventory.IamUser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds {@code CreateUser} records in the organization trail's bucket. For each user it
 * lists only the log files of that account, in us-east-1, of the hour of its creation
 * (and the hour before or after when the creation is near the boundary: files are named
 * for their delivery, minutes after the event), reads them and keeps their
 * {@code CreateUser} records. Never lists more than an hour's prefix. Files already read
 * for an account are not read again. Thread-safe.
 */
public final class OrgTrailReader {

	/**
	 * How long after an event its log file may be delivered (CloudTrail: about 5 minutes,
	 * on average).
	 */
	static final Duration DELIVERY_LAG = Duration.ofMinutes(15);

	private static final Log logger = LogFactory.getLog(OrgTrailReader.class);

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH").withZone(ZoneOffset.UTC);

	private final S3Client s3;

	private final String bucket;

	private final String logsPrefix;

	private final CreateUserEvents parser;

	private final JsonMapper json;

	private final AtomicBoolean missingLogFilesWarned = new AtomicBoolean();

	/**
	 * @param prefix the trail's S3 key prefix, empty for none
	 * @param organizationId {@code o-…}, part of an organization trail's keys;
	 * {@code null} for a trail whose keys go straight to the account
	 */
	public OrgTrailReader(S3Client s3, String bucket, String prefix, String organizationId, CreateUserEvents parser,
			JsonMapper json) {
		this.s3 = s3;
		this.bucket = bucket;
		String base = (prefix == null || prefix.isEmpty()) ? "" : (prefix.endsWith("/") ? prefix : prefix + "/");
		this.logsPrefix = base + "AWSLogs/" + ((organizationId != null) ? organizationId + "/" : "");
		this.parser = parser;
		this.json = json;
	}

	public String bucket() {
		return this.bucket;
	}

	/**
	 * Finds who created the given users of one account.
	 * @return creators found, and the users without any log file for the hours of their
	 * creation (the trail did not exist yet, its files were deleted, or the prefix or
	 * organization id is wrong)
	 * @throws software.amazon.awssdk.core.exception.SdkException when the bucket cannot
	 * be read
	 */
	public Found findCreators(MemberAccount account, List<IamUser> users) {
		Map<String, HourFiles> byHour = new HashMap<>();
		Map<String, Creator> creators = new HashMap<>();
		Set<String> withoutLogFiles = new HashSet<>();
		for (IamUser user : users) {
			if (user.createdAt() == null) {
				continue;
			}
			boolean anyFile = false;
			for (String hourPrefix : hourPrefixes(account.id(), user.createdAt())) {
				HourFiles hour = byHour.computeIfAbsent(hourPrefix, key -> read(account.id(), key));
				anyFile |= hour.anyFile();
				CreateUserEvent event = hour.events()
					.stream()
					.filter(candidate -> candidate.created(user))
					.findFirst()
					.orElse(null);
				if (event != null) {
					creators.put(user.userId(), event.creator().from("org-trail"));
					break;
				}
			}
			if (!anyFile) {
				withoutLogFiles.add(user.userId());
				warnOnceAboutMissingLogFiles(account, user);
			}
		}
		return new Found(creators, withoutLogFiles);
	}

	private void warnOnceAboutMissingLogFiles(MemberAccount account, IamUser user) {
		if (this.missingLogFilesWarned.compareAndSet(false, true)) {
			logger.warn(("No organization trail log file under s3://%s/%s for the hour user %s of account %s was "
					+ "created (%s). If the trail existed then, check audit.aws.cloudtrail.org-trail-prefix and "
					+ "audit.aws.cloudtrail.organization-id. Further users without log files are not logged.")
				.formatted(this.bucket, this.logsPrefix, user.userName(), account.id(), user.createdAt()));
		}
	}

	/** Key prefixes of the log files that may hold a creation at that time. */
	Set<String> hourPrefixes(String accountId, Instant createdAt) {
		Set<String> prefixes = new LinkedHashSet<>();
		for (Instant time : List.of(createdAt, createdAt.minus(CreateUserEvent.CLOCK_SKEW),
				createdAt.plus(DELIVERY_LAG))) {
			Instant hour = time.truncatedTo(ChronoUnit.HOURS);
			prefixes.add(this.logsPrefix + accountId + "/CloudTrail/us-east-1/" + DAY.format(hour) + "/" + accountId
					+ "_CloudTrail_us-east-1_" + HOUR.format(hour));
		}
		return prefixes;
	}

	private HourFiles read(String accountId, String hourPrefix) {
		List<CreateUserEvent> events = new ArrayList<>();
		boolean anyFile = false;
		for (S3Object object : this.s3
			.listObjectsV2Paginator(ListObjectsV2Request.builder()
				.bucket(this.bucket)
				.prefix(hourPrefix)
				.overrideConfiguration(o -> o.putExecutionAttribute(ApiCallCounter.ACCOUNT, accountId))
				.build())
			.contents()) {
			anyFile = true;
			events.addAll(readFile(accountId, object));
		}
		return new HourFiles(anyFile, events);
	}

	private List<CreateUserEvent> readFile(String accountId, S3Object object) {
		List<CreateUserEvent> events = new ArrayList<>();
		// The response is a resource of its own: GZIPInputStream fails on a damaged file
		// before it would own (and close) the connection.
		try (ResponseInputStream<GetObjectResponse> response = this.s3.getObject(request -> request.bucket(this.bucket)
			.key(object.key())
			.overrideConfiguration(o -> o.putExecutionAttribute(ApiCallCounter.ACCOUNT, accountId)));
				InputStream in = new GZIPInputStream(response)) {
			for (JsonNode record : this.json.readTree(in).path("Records").values()) {
				if ("CreateUser".equals(record.path("eventName").asString(""))) {
					addEvent(record, object.key(), events);
				}
			}
		}
		catch (IOException | JacksonException ex) {
			// One damaged file must not hide the others of the hour.
			logger.warn(
					"Unreadable log file s3://%s/%s skipped: %s".formatted(this.bucket, object.key(), ex.getMessage()));
		}
		return events;
	}

	private void addEvent(JsonNode record, String key, List<CreateUserEvent> events) {
		try {
			CreateUserEvent event = this.parser.parse(record);
			if (event != null) {
				events.add(event);
			}
		}
		catch (IllegalArgumentException ex) {
			logger.warn("Unreadable CreateUser record in s3://%s/%s: %s".formatted(this.bucket, key, ex.getMessage()));
		}
	}

	/**
	 * What the organization trail says about one account's users.
	 *
	 * @param creators creators found, by user id; users not found are absent
	 * @param withoutLogFiles ids of the users without any log file for their creation
	 */
	public record Found(Map<String, Creator> creators, Set<String> withoutLogFiles) {

	}

	private record HourFiles(boolean anyFile, List<CreateUserEvent> events) {

	}

}
