package io.iamuseraudit.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.stereotype.Component;

/**
 * One audit at a time per history database, whatever process or host runs it. On
 * PostgreSQL a session advisory lock; elsewhere (H2) the {@code audit_lock} row, locked
 * by a transaction that stays open while the audit runs. Either goes with its connection,
 * so a killed process never leaves a lock behind.
 */
@Component
public class AuditLock {

	private static final String ROW_LOCK = "select name from audit_lock where name = 'audit' for update nowait";

	/**
	 * Not the row lock on PostgreSQL: a transaction open for hours holds back VACUUM, and
	 * {@code idle_in_transaction_session_timeout} would end it, and the lock, unseen.
	 */
	private static final String ADVISORY_LOCK = "select pg_try_advisory_lock(hashtext('iam-user-audit'))";

	private static final String ADVISORY_UNLOCK = "select pg_advisory_unlock(hashtext('iam-user-audit'))";

	private final DataSource dataSource;

	private final SQLErrorCodeSQLExceptionTranslator translator;

	public AuditLock(DataSource dataSource) {
		this.dataSource = dataSource;
		this.translator = new SQLErrorCodeSQLExceptionTranslator(dataSource);
	}

	/** Takes the lock, or returns empty at once when another audit holds it. */
	public Optional<Held> tryAcquire() {
		Connection connection = null;
		String sql = ROW_LOCK;
		try {
			connection = this.dataSource.getConnection();
			if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				sql = ADVISORY_LOCK;
				return advisoryLock(connection);
			}
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				statement.executeQuery(ROW_LOCK).close();
			}
			return Optional.of(new Held(connection, false));
		}
		catch (SQLException ex) {
			release(connection, false);
			DataAccessException translated = this.translator.translate("audit lock", sql, ex);
			if (translated instanceof PessimisticLockingFailureException) {
				return Optional.empty();
			}
			throw (translated != null) ? translated : new IllegalStateException("Cannot take the audit lock", ex);
		}
	}

	private static Optional<Held> advisoryLock(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet locked = statement.executeQuery(ADVISORY_LOCK)) {
			locked.next();
			if (locked.getBoolean(1)) {
				return Optional.of(new Held(connection, true));
			}
		}
		connection.close();
		return Optional.empty();
	}

	private static void release(Connection connection, boolean advisory) {
		if (connection == null) {
			return;
		}
		try (connection) {
			if (advisory) {
				try (Statement statement = connection.createStatement()) {
					statement.executeQuery(ADVISORY_UNLOCK).close();
				}
			}
			else if (!connection.getAutoCommit()) {
				connection.rollback();
			}
		}
		catch (SQLException ex) {
			// A connection that fails here is broken: its session, and the lock, are
			// gone.
		}
	}

	/** The lock, until closed. */
	public static final class Held implements AutoCloseable {

		private final Connection connection;

		private final boolean advisory;

		private Held(Connection connection, boolean advisory) {
			this.connection = connection;
			this.advisory = advisory;
		}

		@Override
		public void close() {
			release(this.connection, this.advisory);
		}

	}

}
