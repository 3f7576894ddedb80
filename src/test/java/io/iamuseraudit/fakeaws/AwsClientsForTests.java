package io.iamuseraudit.fakeaws;

import io.iamuseraudit.AuditProperties;
import io.iamuseraudit.aws.ApiCallCounter;
import io.iamuseraudit.aws.AwsClientsConfiguration;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The application's own AWS client beans ({@link AwsClientsConfiguration}: retries,
 * timeouts, call counting, endpoints from the system properties a {@link FakeAws} sets)
 * in a small context without the job, for tests of one source.
 */
public final class AwsClientsForTests implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private AwsClientsForTests(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** Starts the clients with {@code audit.*} properties ({@code name=value}). */
	public static AwsClientsForTests start(String... properties) {
		return new AwsClientsForTests(
				new SpringApplicationBuilder(Clients.class).web(WebApplicationType.NONE).properties(properties).run());
	}

	public <T> T get(Class<T> type) {
		return this.context.getBean(type);
	}

	public ApiCallCounter apiCallCounter() {
		return get(ApiCallCounter.class);
	}

	public AuditProperties properties() {
		return get(AuditProperties.class);
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Not a {@code @Configuration}: the application's component scan must not find it.
	 */
	@EnableConfigurationProperties(AuditProperties.class)
	@Import(AwsClientsConfiguration.class)
	static class Clients {

		@Bean
		ApiCallCounter apiCallCounter() {
			return new ApiCallCounter();
		}

	}

}
