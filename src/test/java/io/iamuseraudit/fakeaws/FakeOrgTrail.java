package io.iamuseraudit.fakeaws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

import java.net.URI;
import java.util.Properties;

import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The organization trail's bucket, in an in-process S3Proxy (transient store, with
 * {@link S3Faults}) that accepts the administrator's fake keys: {@link #write} lays out
 * the {@code CreateUser} records of an organization as CloudTrail delivers them, gzipped
 * JSON files
 * {@code <prefix>AWSLogs/<org-id>/<account>/CloudTrail/us-east-1/YYYY/MM/DD/<account>_CloudTrail_us-east-1_YYYYMMDDTHHmmZ_<id>.json.gz},
 * one every five minutes, each with unrelated records around the creations.
 */
public final class FakeOrgTrail implements AutoCloseable {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'")
		.withZone(ZoneOffset.UTC);

	private final S3Faults faults = new S3Faults();

	private S3Proxy proxy;

	private URI endpoint;

	private S3Client s3;

	private String savedEndpoint;

	/**
	 * Starts S3Proxy and points the SDK's S3 clients at it ({@code aws.endpointUrlS3}).
	 */
	public FakeOrgTrail start() {
		Properties properties = new Properties();
		properties.setProperty("jclouds.identity", FakeAws.ADMIN_ACCESS_KEY);
		properties.setProperty("jclouds.credential", FakeAws.ADMIN_SECRET_KEY);
		try {
			this.proxy = S3Proxy.builder()
				.blobStore(this.faults.wrap(BlobStores.create("transient", properties)))
				.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, FakeAws.ADMIN_ACCESS_KEY, FakeAws.ADMIN_SECRET_KEY)
				.endpoint(URI.create("http://127.0.0.1:0"))
				.stopTimeout(0)
				.build();
			this.proxy.start();
			while (!"STARTED".equals(this.proxy.getState())) {
				Thread.sleep(10);
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
		this.endpoint = URI.create("http://127.0.0.1:" + this.proxy.getPort());
		this.savedEndpoint = System.getProperty("aws.endpointUrlS3");
		System.setProperty("aws.endpointUrlS3", this.endpoint.toString());
		this.s3 = S3Client.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(this.endpoint)
			.forcePathStyle(true)
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(FakeAws.ADMIN_ACCESS_KEY, FakeAws.ADMIN_SECRET_KEY)))
			.build();
		return this;
	}

	public S3Client s3() {
		return this.s3;
	}

	/**
	 * Errors injected into this S3 (it may hold other buckets than the trail's, such as
	 * the evidence archive).
	 */
	public S3Faults faults() {
		return this.faults;
	}

	/**
	 * Writes the log files of the hour of every user's creation, with its
	 * {@code CreateUser} record unless the user is not in the trail; returns how many
	 * files.
	 */
	public int write(String bucket, String prefix, FakeOrganization organization) {
		if (this.s3.listBuckets().buckets().stream().noneMatch(existing -> existing.name().equals(bucket))) {
			this.s3.createBucket(b -> b.bucket(bucket));
		}
		Map<String, ArrayNode> files = new TreeMap<>();
		for (FakeUser user : organization.users()) {
			if (user.createdAt == null) {
				continue;
			}
			Instant delivered = user.createdAt.truncatedTo(ChronoUnit.HOURS)
				.plus((user.createdAt.atZone(ZoneOffset.UTC).getMinute() / 5 + 1) * 5L, ChronoUnit.MINUTES);
			String key = key(prefix, user.accountId(), delivered, user.userId);
			ArrayNode records = files.computeIfAbsent(key, k -> JsonNodeFactory.instance.arrayNode());
			records.add(noise(user.accountId(), user.createdAt.minusSeconds(40)));
			if (user.creator != null && user.inOrgTrail) {
				records.add(FakeDocuments.createUserRecord(user));
			}
			records.add(noise(user.accountId(), user.createdAt.plusSeconds(20)));
		}
		files.forEach((key, records) -> {
			ObjectNode document = JsonNodeFactory.instance.objectNode();
			document.set("Records", records);
			this.s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(gzip(document.toString())));
		});
		return files.size();
	}

	/** The key of a log file delivered at a time; the id makes it unique. */
	public static String key(String prefix, String accountId, Instant delivered, String id) {
		return prefix + "AWSLogs/" + FakeOrganization.ORGANIZATION_ID + "/" + accountId + "/CloudTrail/us-east-1/"
				+ DAY.format(delivered) + "/" + accountId + "_CloudTrail_us-east-1_" + STAMP.format(delivered) + "_"
				+ Integer.toHexString(id.hashCode()) + ".json.gz";
	}

	private static ObjectNode noise(String accountId, Instant time) {
		ObjectNode record = JsonNodeFactory.instance.objectNode();
		record.put("eventVersion", "1.09");
		record.putObject("userIdentity").put("type", "AWSService").put("invokedBy", "ec2.amazonaws.com");
		record.put("eventTime", time.toString());
		record.put("eventSource", "sts.amazonaws.com");
		record.put("eventName", "AssumeRole");
		record.put("awsRegion", "us-east-1");
		record.put("recipientAccountId", accountId);
		return record;
	}

	private static byte[] gzip(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return bytes.toByteArray();
	}

	@Override
	public void close() {
		if (this.savedEndpoint != null) {
			System.setProperty("aws.endpointUrlS3", this.savedEndpoint);
		}
		else {
			System.clearProperty("aws.endpointUrlS3");
		}
		if (this.s3 != null) {
			this.s3.close();
		}
		try {
			this.proxy.stop();
		}
		catch (Exception ex) {
			throw new IllegalStateException("S3Proxy did not stop", ex);
		}
	}

}
