package io.iamuseraudit.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * One audit at a time per history database, whatever process or host runs it: the
 * {@code audit_lock} row, locked by a transaction that stays open while the audit runs. A
 * killed process releases it with its connection, so a lock is never left behind.
 */
@Component
public class AuditLock {

	private static final String LOCK = "select name from audit_lock where name = 'audit' for update nowait";

	private final DataSource dataSource;

	private final SQLErrorCodeSQLExceptionTranslator translator;

	public AuditLock(DataSource dataSource) {
		this.dataSource = dataSource;
		this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	/** Takes the lock, or returns empty at once when another audit holds it. */
	public Optional<Held> tryAcquire() {
		Connection connection = null;
		try {
			connection = this.dataSource.getConnection();
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeQuery(LOCK).close();
			}
			return Optional.of(new Held(connection));
		}
		catch (SQLException ex) {
			release(connection);
			DataAccessException translated = this.translator.translate("audit lock", LOCK, ex);
			if (translated instanceof PessimisticLockingFailureException) {
				return Optional.empty();
			}
			throw (translated != null) ? translated : new IllegalStateException("Cannot take the audit lock", ex);
		}
	}

	private static void release(Connection connection) {
		if (connection == null) {
			return;
		}
		try (connection) {
			connection.rollback();
		}
		catch (SQLException ex) {
			// The lock goes with the connection either way.
		}
	}

	/** The lock, until closed. */
	public static final class Held implements AutoCloseable {

		private final Connection connection;

		private Held(Connection connection) {
			this.connection = connection;
		}

		@Override
		public void close() {
			release(this.connection);
		}

	}

}
