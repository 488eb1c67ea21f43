package io.lakemesh.catalog.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * One connection for the whole catalog, lent to one thread at a time. SQLite runs one writer at a
 * time anyway, and one long-lived connection keeps a shared in-memory database alive and spares
 * reopening the file for every statement.
 */
final class SharedConnection implements ConnectionFactory, AutoCloseable {
  private final DataSource source;
  private final ReentrantLock lock = new ReentrantLock();
  private Connection connection;
  private boolean closed;

  SharedConnection(DataSource source) {
    this.source = source;
  }

  @Override
  public Connection openConnection() throws SQLException {
    lock.lock();
    try {
      if (closed) {
        throw new SQLException("the catalog is closed");
      }
      if (connection == null || connection.isClosed()) {
        connection = source.getConnection();
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  /** Hands the connection back, open, for the next caller. */
  @Override
  public void closeConnection(Connection returned) {
    lock.unlock();
  }

  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (connection != null) {
        connection.close();
      }
    } catch (SQLException e) {
      // Closing is best effort: SQLite has nothing left to flush once the last commit returned.
    } finally {
      connection = null;
      lock.unlock();
    }
  }
}
