package io.iamuseraudit.history;

import com.zaxxer.hikari.HikariDataSource;
import io.iamuseraudit.enrichment.EnrichmentProperties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.BindException;
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
		this.maximumPoolSize = maximumPoolSize(Binder.get(environment));
	}

	/**
	 * The size, or {@code null} to leave the pool as configured: when set explicitly, or
	 * when the concurrency is invalid (its validation then stops the start, naming it).
	 */
	private static Integer maximumPoolSize(Binder binder) {
		try {
			if (binder.bind("spring.datasource.hikari.maximum-pool-size", Integer.class).isBound()) {
				return null;
			}
			int concurrency = binder.bindOrCreate("audit.enrichment", EnrichmentProperties.class).concurrency();
			return (concurrency >= 1) ? concurrency + BESIDES_ENRICHMENT : null;
		}
		catch (BindException ex) {
			return null;
		}
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && this.maximumPoolSize != null) {
			pool.setMaximumPoolSize(this.maximumPoolSize);
		}
		return bean;
	}

}
