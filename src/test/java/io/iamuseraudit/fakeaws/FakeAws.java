package io.iamuseraudit.fakeaws;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A local AWS on 127.0.0.1 that speaks the real wire protocols, so that tests go through
 * the SDK's own HTTP stack: Config, Organizations and CloudTrail in awsJson1.1
 * (dispatched on {@code X-Amz-Target}), STS and IAM in awsQuery (dispatched on the form's
 * {@code Version} and {@code Action}). One endpoint serves every service. The calling
 * account comes from the access key id in the SigV4 {@code Authorization} header: the
 * default key is the delegated administrator's, and the keys STS issues belong to member
 * accounts.
 * <p>
 * As a JUnit extension ({@code @RegisterExtension static}) it starts before the class and
 * sets {@code aws.endpointUrl}, {@code aws.accessKeyId}, {@code aws.secretAccessKey} and
 * {@code aws.region} (restored afterwards), so a Spring context started by the tests
 * builds its clients against it. Knobs: latency, the CloudTrail quota, faults (the next N
 * calls of an operation, or a random share of calls), the STS session duration. Every
 * call is logged. Thread-safe.
 */
public final class FakeAws implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

	static {
		// Without it the JDK's server sends headers and body in two packets, and Nagle's
		// algorithm with delayed ACKs adds about 40 ms to every call.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	public static final String ADMIN_ACCESS_KEY = "AKIA" + FakeOrganization.ADMIN_ACCOUNT + "FAKE";

	public static final String ADMIN_SECRET_KEY = "fake-admin-secret";

	/** Starts every secret access key the fake STS issues to member-account sessions. */
	public static final String STS_SECRET_PREFIX = FakeSts.SECRET_PREFIX;

	/** Starts every session token the fake STS issues. */
	public static final String STS_TOKEN_PREFIX = FakeSts.TOKEN_PREFIX;

	private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/\\d{8}/([^/]+)/([^/]+)/");

	private static final List<String> PROPERTIES = List.of("aws.endpointUrl", "aws.accessKeyId", "aws.secretAccessKey",
			"aws.sessionToken", "aws.region");

	private static final Map<String, String> JSON_TARGETS = Map.of("StarlingDoveService", "config",
			"AWSOrganizationsV20161128", "organizations", "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101",
			"cloudtrail");

	private static final Map<String, String> QUERY_VERSIONS = Map.of("2011-06-15", "sts", "2010-05-08", "iam");

	private final JsonMapper json = JsonMapper.builder().build();

	private final Map<String, String> accountsByKey = new ConcurrentHashMap<>();

	private final FakeConfig config = new FakeConfig();

	private final FakeOrganizations organizations = new FakeOrganizations();

	private final FakeCloudTrail cloudTrail = new FakeCloudTrail();

	private final FakeSts sts = new FakeSts(this.accountsByKey);

	private final FakeIam iam = new FakeIam();

	private final Faults faults = new Faults();

	private final List<FakeCall> calls = new ArrayList<>();

	private final Map<String, String> savedProperties = new HashMap<>();

	private volatile FakeOrganization organization;

	private volatile Duration latency = Duration.ZERO;

	private HttpServer server;

	private ExecutorService executor;

	private Class<?> owner;

	public FakeAws(FakeOrganization organization) {
		this.organization = organization;
		this.accountsByKey.put(ADMIN_ACCESS_KEY, FakeOrganization.ADMIN_ACCOUNT);
	}

	public FakeAws() {
		this(new FakeOrganization());
	}

	/** Starts serving on a random port of 127.0.0.1. */
	public FakeAws start() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// Enough handlers that the simulated latency, not the server, limits a concurrent
		// client.
		this.executor = Executors.newFixedThreadPool(256, daemonThreads());
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		return this;
	}

	/**
	 * Points the SDK (system properties) at this endpoint, with the administrator's keys.
	 */
	public FakeAws installSystemProperties() {
		PROPERTIES.forEach(name -> this.savedProperties.put(name, System.getProperty(name)));
		System.setProperty("aws.endpointUrl", endpoint().toString());
		System.setProperty("aws.accessKeyId", ADMIN_ACCESS_KEY);
		System.setProperty("aws.secretAccessKey", ADMIN_SECRET_KEY);
		System.clearProperty("aws.sessionToken");
		System.setProperty("aws.region", "us-east-1");
		return this;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		// @Nested classes inherit the extension: the outermost class owns the server.
		if (this.server == null) {
			this.owner = context.getRequiredTestClass();
			start().installSystemProperties();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (context.getRequiredTestClass() == this.owner) {
			close();
		}
	}

	@Override
	public void close() {
		this.savedProperties.forEach((name, value) -> {
			if (value != null) {
				System.setProperty(name, value);
			}
			else {
				System.clearProperty(name);
			}
		});
		this.savedProperties.clear();
		if (this.server != null) {
			this.server.stop(0);
			this.executor.shutdownNow();
			this.server = null;
		}
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	public FakeOrganization organization() {
		return this.organization;
	}

	/** Serves another organization from now on; the call log and faults start afresh. */
	public FakeAws organization(FakeOrganization organization) {
		this.organization = organization;
		reset();
		return this;
	}

	public void reset() {
		this.faults.clear();
		this.latency = Duration.ZERO;
		this.sts.sessionDuration(null);
		this.cloudTrail.reset();
		this.iam.generationTime(null);
		this.config.requestsPerSecond(0);
		synchronized (this.calls) {
			this.calls.clear();
		}
	}

	public FakeAws latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * The next {@code times} calls of the operation fail with this status and error code.
	 */
	public FakeAws failNext(String operation, int times, int status, String errorCode) {
		this.faults.failNext(operation, times, status, errorCode);
		return this;
	}

	/**
	 * A share of the calls (of the given operations, or all) fail with a 503 or a
	 * throttling error.
	 */
	public FakeAws failRandomly(double fraction, long seed, String... operations) {
		this.faults.failRandomly(fraction, seed, Set.of(operations));
		return this;
	}

	/**
	 * Every call of the operation made by (or, for AssumeRole, into) the account fails
	 * with this status and error code, until {@link #reset()}.
	 */
	public FakeAws failAlways(String operation, String accountId, int status, String errorCode) {
		this.faults.failAlways(operation, accountId, status, errorCode);
		return this;
	}

	/** Errors injected so far (planned and random), by operation. */
	public java.util.Map<String, Integer> injectedFaults() {
		return this.faults.injected();
	}

	/** Sessions issued by AssumeRole last this long, whatever was asked. */
	public FakeAws stsSessionDuration(Duration duration) {
		this.sts.sessionDuration(duration);
		return this;
	}

	/**
	 * Makes IAM take this long to generate a credential report (instead of a number of
	 * polls).
	 */
	public FakeAws credentialReportGenerationTime(Duration duration) {
		this.iam.generationTime(duration);
		return this;
	}

	/**
	 * Throttles SelectAggregateResourceConfig beyond this many requests per second; 0 for
	 * no limit.
	 */
	public FakeAws configRequestsPerSecond(int rate) {
		this.config.requestsPerSecond(rate);
		return this;
	}

	public FakeAws cloudTrailRequestsPerSecond(int rate) {
		this.cloudTrail.requestsPerSecond(rate);
		return this;
	}

	/** LookupEvents requests refused for exceeding the per-account quota. */
	public long cloudTrailThrottled() {
		return this.cloudTrail.throttled();
	}

	public List<FakeCall> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	public List<FakeCall> calls(String operation) {
		return calls(call -> call.operation().equals(operation));
	}

	public List<FakeCall> calls(String operation, String accountId) {
		return calls(call -> call.operation().equals(operation) && accountId.equals(call.accountId()));
	}

	public List<FakeCall> calls(Predicate<FakeCall> filter) {
		return calls().stream().filter(filter).toList();
	}

	public void clearCalls() {
		synchronized (this.calls) {
			this.calls.clear();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			byte[] body;
			try (InputStream in = exchange.getRequestBody()) {
				body = in.readAllBytes();
			}
			String text = new String(body, StandardCharsets.UTF_8);
			Matcher credential = CREDENTIAL
				.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
			String accessKey = credential.find() ? credential.group(1) : null;
			String region = (accessKey != null) ? credential.group(2) : null;
			String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
			Response response = (target != null) ? json(target, text, accessKey, region)
					: query(text, accessKey, region, exchange.getRequestURI());
			byte[] out = response.body.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", response.contentType);
			exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
			exchange.sendResponseHeaders(response.status, out.length);
			try (OutputStream stream = exchange.getResponseBody()) {
				stream.write(out);
			}
		}
	}

	private Response json(String target, String body, String accessKey, String region) {
		int dot = target.lastIndexOf('.');
		String service = JSON_TARGETS.get(target.substring(0, Math.max(dot, 0)));
		String operation = target.substring(dot + 1);
		String contentType = "application/x-amz-json-1.1";
		try {
			if (service == null) {
				throw new AwsError(400, "UnknownOperationException", "unknown target " + target);
			}
			FakeRequest request = new FakeRequest(service, operation, account(accessKey), accessKey,
					this.json.readTree(body.isEmpty() ? "{}" : body), Map.of(), Instant.now());
			JsonNode result = serve(request, () -> switch (service) {
				case "config" -> this.config.handle(request, this.organization);
				case "organizations" -> this.organizations.handle(request, this.organization);
				default -> this.cloudTrail.handle(request, this.organization);
			});
			log(service, operation, "awsJson1.1", request.accountId(), region, 200, null, body);
			return new Response(200, contentType, result.toString());
		}
		catch (AwsError error) {
			log(service, operation, "awsJson1.1", account(accessKey), region, error.status, error.code, body);
			ObjectNode payload = JsonNodeFactory.instance.objectNode();
			payload.put("__type", error.code);
			payload.put("message", error.getMessage());
			return new Response(error.status, contentType, payload.toString());
		}
	}

	private Response query(String body, String accessKey, String region, URI uri) {
		Map<String, String> form = form(body);
		String service = QUERY_VERSIONS.get(form.get("Version"));
		String operation = String.valueOf(form.get("Action"));
		String namespace = "sts".equals(service) ? FakeSts.NAMESPACE : FakeIam.NAMESPACE;
		try {
			if (service == null) {
				throw new AwsError(400, "InvalidAction", "unsupported request " + uri + " " + body);
			}
			FakeRequest request = new FakeRequest(service, operation, account(accessKey), accessKey, null, form,
					Instant.now());
			String result = serve(request, () -> "sts".equals(service) ? this.sts.handle(request, this.organization)
					: this.iam.handle(request, this.organization));
			log(service, operation, "awsQuery", request.accountId(), region, 200, null, body);
			return new Response(200, "text/xml", result);
		}
		catch (AwsError error) {
			log(service, operation, "awsQuery", account(accessKey), region, error.status, error.code, body);
			return new Response(error.status, "text/xml", Xml.error(namespace, error));
		}
	}

	private <T> T serve(FakeRequest request, java.util.function.Supplier<T> handler) {
		if (!this.latency.isZero()) {
			try {
				Thread.sleep(this.latency.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		if (request.accountId() == null) {
			throw new AwsError(403, "UnrecognizedClientException",
					"The security token included in the request is invalid.");
		}
		this.faults.apply(request.operation(), faultAccount(request));
		return handler.get();
	}

	/** The account a fault is planned for: AssumeRole's target, else the caller. */
	private static String faultAccount(FakeRequest request) {
		String roleArn = "AssumeRole".equals(request.operation()) ? request.param("RoleArn") : null;
		return (roleArn != null && roleArn.split(":").length > 4) ? roleArn.split(":")[4] : request.accountId();
	}

	private String account(String accessKey) {
		return (accessKey != null) ? this.accountsByKey.get(accessKey) : null;
	}

	private void log(String service, String operation, String protocol, String account, String region, int status,
			String errorCode, String body) {
		synchronized (this.calls) {
			this.calls.add(new FakeCall(service, operation, protocol, account, region, Instant.now(), status, errorCode,
					body));
		}
	}

	private static Map<String, String> form(String body) {
		Map<String, String> form = new LinkedHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return form;
	}

	private static CustomizableThreadFactory daemonThreads() {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("fake-aws-");
		threads.setDaemon(true);
		return threads;
	}

	private record Response(int status, String contentType, String body) {
	}

}
