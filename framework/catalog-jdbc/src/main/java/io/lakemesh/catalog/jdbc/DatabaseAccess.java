package io.lakemesh.catalog.jdbc;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * How the catalog reaches its database: connections for Flyway and for Jdbi, chosen from the URL.
 */
interface DatabaseAccess extends AutoCloseable {

  /** Opens connections of its own; migrations use it. */
  DataSource dataSource();

  /** Where statements get their connection. */
  ConnectionFactory connections();

  /** The schema migrations create and use, when not the connection's default. */
  Optional<String> schema();

  /**
   * What makes a text column compare by its bytes, appended to it: empty where that is the default.
   * Pages of search results are cut in that order, the one Java gives ASCII names.
   */
  String byteOrder();

  @Override
  void close();

  static DatabaseAccess open(JdbcCatalogConfig config) {
    if (config.uri().startsWith(SqliteAccess.URL_PREFIX)) {
      return SqliteAccess.open(config);
    }
    if (config.uri().startsWith(PostgresAccess.URL_PREFIX)) {
      return PostgresAccess.open(config);
    }
    throw new InvalidConfigException(
        JdbcCatalogConfig.URI,
        "unsupported JDBC URL "
            + config.redactedUri()
            + ": the jdbc catalog runs on "
            + SqliteAccess.URL_PREFIX
            + " and "
            + PostgresAccess.URL_PREFIX);
  }
}
