package io.iamuseraudit.history;

import java.io.IOException;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryConnectionPoolTests {

	@Test
	void allowsAConnectionPerAccountEnrichedAtATimeAndTwoMore() {
		assertThat(poolSize(new MockEnvironment().withProperty("audit.enrichment.concurrency", "10"))).isEqualTo(12);
	}

	@Test
	void followsTheDefaultConcurrency() {
		assertThat(poolSize(new MockEnvironment())).isEqualTo(64 + 2);
	}

	@Test
	void keepsAMaximumSetByTheOperator() {
		assertThat(poolSize(new MockEnvironment().withProperty("audit.enrichment.concurrency", "10")
			.withProperty("spring.datasource.hikari.maximum-pool-size", "5"))).isEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "many", "-5", "0" })
	void leavesThePoolAsConfiguredForAnInvalidConcurrency(String concurrency) {
		assertThat(poolSize(new MockEnvironment().withProperty("audit.enrichment.concurrency", concurrency)))
			.isEqualTo(5);
	}

	@Test
	void keepsFewConnectionsIdle() throws IOException {
		PropertySource<?> applicationYml = new YamlPropertySourceLoader()
			.load("application.yml", new ClassPathResource("application.yml"))
			.get(0);

		assertThat(applicationYml.getProperty("spring.datasource.hikari.minimum-idle")).isEqualTo(2);
		assertThat(applicationYml.getProperty("spring.datasource.hikari.maximum-pool-size")).isNull();
	}

	private static int poolSize(MockEnvironment environment) {
		HikariDataSource pool = new HikariDataSource();
		pool.setMaximumPoolSize(5);
		new HistoryConnectionPool(environment).postProcessAfterInitialization(pool, "dataSource");
		return pool.getMaximumPoolSize();
	}

}
