package io.iamuseraudit.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local Amazon SES v2 endpoint speaking restJson1:
 * {@code POST /v2/email/outbound-emails} answers {@code {"MessageId": …}}, or the next
 * queued error ({@code x-amzn-ErrorType} header and {@code __type} in the JSON body, as
 * AWS sends them), or a seeded random error (503 or 429 throttling) for a share of the
 * requests. Captures every request. Thread-safe.
 */
public final class FakeSes implements AutoCloseable {

	static {
		// Without it the JDK's server adds about 40 ms to every call (Nagle and delayed
		// ACKs).
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	private static final String SEND_EMAIL = "/v2/email/outbound-emails";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpServer server;

	private final Queue<Error> errors = new ConcurrentLinkedQueue<>();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final AtomicInteger messageIds = new AtomicInteger();

	private java.util.Random random;

	private double fraction;

	private FakeSes(HttpServer server) {
		this.server = server;
	}

	public static FakeSes start() throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		FakeSes ses = new FakeSes(server);
		server.createContext("/", ses::handle);
		server.start();
		return ses;
	}

	public URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	/** Answers the next request with an error instead of sending. */
	public void failNext(int status, String errorType, String message) {
		this.errors.add(new Error(status, errorType, message));
	}

	/** A share of the requests fail with 503 ServiceUnavailable or 429 throttling. */
	public synchronized void failRandomly(double fraction, long seed) {
		this.fraction = fraction;
		this.random = new java.util.Random(seed);
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	/** The requests answered with a message id: the emails SES would have sent. */
	public List<Request> sent() {
		return this.requests.stream().filter(request -> request.messageId() != null).toList();
	}

	/**
	 * Points the SDK of an application started next at this endpoint (cleared by
	 * {@link #close()}).
	 */
	public void redirectSdk() {
		System.setProperty("aws.endpointUrlSesV2", endpoint().toString());
	}

	@Override
	public void close() {
		System.clearProperty("aws.endpointUrlSesV2");
		this.server.stop(0);
	}

	private void handle(HttpExchange exchange) throws IOException {
		byte[] body = exchange.getRequestBody().readAllBytes();
		if (!"POST".equals(exchange.getRequestMethod()) || !SEND_EMAIL.equals(exchange.getRequestURI().getPath())) {
			this.requests
				.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), null, null));
			reply(exchange, 404, Map.of("x-amzn-ErrorType", "NotFoundException"), "{\"message\":\"unknown path\"}");
			return;
		}
		JsonNode request = json.readTree(body);
		Error error = nextError();
		if (error != null) {
			this.requests.add(new Request(SEND_EMAIL, exchange.getRequestHeaders(), request, null));
			reply(exchange, error.status(), Map.of("x-amzn-ErrorType", error.type()),
					json.writeValueAsString(Map.of("__type", error.type(), "message", error.message())));
			return;
		}
		String messageId = "0100019a-fake-%04d".formatted(this.messageIds.incrementAndGet());
		this.requests.add(new Request(SEND_EMAIL, exchange.getRequestHeaders(), request, messageId));
		reply(exchange, 200, Map.of(), json.writeValueAsString(Map.of("MessageId", messageId)));
	}

	private synchronized Error nextError() {
		Error planned = this.errors.poll();
		if (planned != null || this.fraction == 0 || this.random.nextDouble() >= this.fraction) {
			return planned;
		}
		return this.random.nextBoolean() ? new Error(503, "ServiceUnavailable", "injected: try again")
				: new Error(429, "TooManyRequestsException", "injected: Maximum sending rate exceeded.");
	}

	private static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body)
			throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.getResponseHeaders().add("x-amzn-RequestId", "fake-request-id");
		headers.forEach(exchange.getResponseHeaders()::add);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private record Error(int status, String type, String message) {
	}

	/**
	 * A captured request: its JSON body, and the message id it was answered with (null
	 * for an error).
	 */
	public record Request(String path, Map<String, List<String>> headers, JsonNode body, String messageId) {

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		String from() {
			return this.body.path("FromEmailAddress").asString();
		}

		List<String> addresses(String field) {
			List<String> addresses = new ArrayList<>();
			this.body.path("Destination").path(field).forEach(address -> addresses.add(address.asString()));
			return addresses;
		}

		/** {@code Content.Raw.Data}, base64-decoded: the MIME message as sent. */
		byte[] raw() {
			return Base64.getDecoder().decode(this.body.path("Content").path("Raw").path("Data").asString());
		}

		MimeMessage message() throws MessagingException {
			return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw()));
		}

	}

}
