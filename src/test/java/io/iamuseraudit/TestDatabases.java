package io.iamuseraudit;

import java.util.UUID;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** History databases for tests that need no application context. */
public final class TestDatabases {

	private TestDatabases() {
	}

	/** A new in-memory H2 database with the history's migrations applied. */
	public static DriverManagerDataSource migratedHistory() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(
				"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
		Flyway.configure().dataSource(dataSource).load().migrate();
		return dataSource;
	}

}
