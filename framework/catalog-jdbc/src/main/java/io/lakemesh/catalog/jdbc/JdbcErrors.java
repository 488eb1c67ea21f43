package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.LakemeshException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.statement.StatementException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Turns database failures into lakemesh errors at the catalog's boundary: a conflict when a
 * concurrent writer won (a retry may succeed), an external failure otherwise. Messages name the
 * operation, its subject and the catalog table, and never carry credentials.
 */
final class JdbcErrors {
  // Unique violation, serialization failure, deadlock.
  private static final Set<String> CONFLICT_STATES = Set.of("23505", "40001", "40P01");
  private static final Set<SQLiteErrorCode> SQLITE_CONFLICTS =
      Set.of(
          SQLiteErrorCode.SQLITE_BUSY,
          SQLiteErrorCode.SQLITE_BUSY_SNAPSHOT,
          SQLiteErrorCode.SQLITE_BUSY_TIMEOUT,
          SQLiteErrorCode.SQLITE_LOCKED,
          SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY,
          SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
  private static final Pattern CATALOG_TABLE = Pattern.compile("\\blm_[a-z_]+");

  private JdbcErrors() {}

  /**
   * @param catalog the catalog's name
   * @param operation what was attempted, such as {@code publish}
   * @param subject what it was attempted on, such as a table id
   */
  static LakemeshException wrap(
      String catalog, String operation, Object subject, Exception failure) {
    Optional<SQLException> sql = sqlCause(failure);
    String message =
        "jdbc catalog '"
            + catalog
            + "': "
            + operation
            + " "
            + subject
            + " failed"
            + catalogTable(failure).map(t -> " on " + t).orElse("")
            + ": "
            + UrlCredentials.mask(sql.<Throwable>map(e -> e).orElse(failure).getMessage());
    return sql.filter(JdbcErrors::isConflict).isPresent()
        ? new CommitConflictException(message, failure)
        : new ExternalServiceException(message, failure);
  }

  private static Optional<SQLException> sqlCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return Optional.of(sql);
      }
    }
    return Optional.empty();
  }

  private static boolean isConflict(SQLException e) {
    if (e instanceof SQLiteException sqlite) {
      return SQLITE_CONFLICTS.contains(sqlite.getResultCode());
    }
    return CONFLICT_STATES.contains(e.getSQLState());
  }

  /** The lm_ table the failing statement touched, when a statement failed. */
  private static Optional<String> catalogTable(Exception failure) {
    if (failure instanceof StatementException statement
        && statement.getStatementContext() != null) {
      String sql = statement.getStatementContext().getRawSql();
      Matcher m = CATALOG_TABLE.matcher(sql == null ? "" : sql);
      if (m.find()) {
        return Optional.of(m.group());
      }
    }
    return Optional.empty();
  }
}
