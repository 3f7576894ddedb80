package io.iamuseraudit.delivery;

import java.net.URI;
import java.util.List;
import java.util.Properties;

import io.iamuseraudit.fakeaws.S3Faults;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3Proxy in this JVM on a free port, with a transient store and SigV4 authentication:
 * the real S3 protocol (checksums verified, {@code If-None-Match} honoured) for tests.
 * Strict by default: a header it does not implement (expected bucket owner, Object Lock)
 * is refused with 501 unless {@code ignoreUnknownHeaders}. Errors can be injected
 * ({@link #faults()}).
 */
public final class InProcessS3 implements AutoCloseable {

	static final String ACCESS_KEY = "test-access-key";

	static final String SECRET_KEY = "test-secret-key";

	private final S3Proxy proxy;

	private final URI endpoint;

	private final S3Faults faults;

	private final S3Client client;

	private final String accessKey;

	private final String secretKey;

	private InProcessS3(S3Proxy proxy, URI endpoint, S3Faults faults, String accessKey, String secretKey) {
		this.proxy = proxy;
		this.endpoint = endpoint;
		this.faults = faults;
		this.accessKey = accessKey;
		this.secretKey = secretKey;
		this.client = client();
	}

	public static InProcessS3 start(boolean ignoreUnknownHeaders) throws Exception {
		return start(ignoreUnknownHeaders, ACCESS_KEY, SECRET_KEY);
	}

	/**
	 * An S3 that accepts requests signed with the given keys (those of a {@code FakeAws},
	 * say).
	 */
	public static InProcessS3 start(boolean ignoreUnknownHeaders, String accessKey, String secretKey) throws Exception {
		S3Faults faults = new S3Faults();
		Properties properties = new Properties();
		properties.setProperty("jclouds.identity", accessKey);
		properties.setProperty("jclouds.credential", secretKey);
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(faults.wrap(BlobStores.create("transient", properties)))
			.awsAuthentication(AuthenticationType.AWS_V4, accessKey, secretKey)
			.ignoreUnknownHeaders(ignoreUnknownHeaders)
			.endpoint(URI.create("http://127.0.0.1:0"))
			.stopTimeout(0)
			.build();
		proxy.start();
		while (!"STARTED".equals(proxy.getState())) {
			Thread.sleep(10);
		}
		return new InProcessS3(proxy, URI.create("http://127.0.0.1:" + proxy.getPort()), faults, accessKey, secretKey);
	}

	public S3Faults faults() {
		return this.faults;
	}

	public URI endpoint() {
		return this.endpoint;
	}

	/** A client as the audit builds one against a redirected endpoint: path-style. */
	public S3Client client(ExecutionInterceptor... interceptors) {
		ClientOverrideConfiguration.Builder overrides = ClientOverrideConfiguration.builder();
		List.of(interceptors).forEach(overrides::addExecutionInterceptor);
		return S3Client.builder()
			.endpointOverride(this.endpoint)
			.forcePathStyle(true)
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(this.accessKey, this.secretKey)))
			.overrideConfiguration(overrides.build())
			.build();
	}

	public void createBucket(String bucket) {
		this.client.createBucket(request -> request.bucket(bucket));
	}

	public List<S3Object> objects(String bucket) {
		return this.client.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream().toList();
	}

	public byte[] bytes(String bucket, String key) {
		return this.client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
	}

	HeadObjectResponse head(String bucket, String key) {
		return this.client.headObject(request -> request.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
	}

	/**
	 * Points the SDK of an application started next at this S3 (cleared by
	 * {@link #close()}).
	 */
	public void redirectSdk() {
		System.setProperty("aws.endpointUrlS3", this.endpoint.toString());
		System.setProperty("aws.accessKeyId", this.accessKey);
		System.setProperty("aws.secretAccessKey", this.secretKey);
		System.setProperty("aws.region", "us-east-1");
	}

	@Override
	public void close() throws Exception {
		System.clearProperty("aws.endpointUrlS3");
		System.clearProperty("aws.accessKeyId");
		System.clearProperty("aws.secretAccessKey");
		System.clearProperty("aws.region");
		this.client.close();
		this.proxy.stop();
	}

}
