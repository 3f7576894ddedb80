package io.iamuseraudit.history;

import com.zaxxer.hikari.HikariDataSource;
import io.iamuseraudit.enrichment.EnrichmentProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Sizes the history database's connection pool from the enrichment's concurrency, unless
 * {@code spring.datasource.hikari.maximum-pool-size} is set.
 */
@Component
public class HistoryConnectionPool implements BeanPostProcessor {

	/**
	 * Connections used besides the enrichment's: the audit lock holds one for the whole
	 * run, and the main thread (job repository, step) one more. Each account being
	 * enriched uses at most one at a time, so with this many no thread waits for one.
	 */
	static final int BESIDES_ENRICHMENT = 2;

	private final Integer maximumPoolSize;

	public HistoryConnectionPool(Environment environment) {
		Binder binder = Binder.get(environment);
		boolean set = binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).isBound();
		this.maximumPoolSize = set ? null
				: binder.bindOrCreate("audit.enrichment", EnrichmentProperties.class).concurrency()
						+ BESIDES_ENRICHMENT;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && this.maximumPoolSize != null) {
			pool.setMaximumPoolSize(this.maximumPoolSize);
		}
		return bean;
	}

}
