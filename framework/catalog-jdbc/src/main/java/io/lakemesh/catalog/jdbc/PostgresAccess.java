package io.lakemesh.catalog.jdbc;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL database, a new connection per unit of work (no pool: the catalog is light). */
final class PostgresAccess implements DatabaseAccess {
  static final String URL_PREFIX = "jdbc:postgresql:";

  private final PGSimpleDataSource dataSource;
  private final Optional<String> schema;

  private PostgresAccess(PGSimpleDataSource dataSource, Optional<String> schema) {
    this.dataSource = dataSource;
    this.schema = schema;
  }

  static PostgresAccess open(JdbcCatalogConfig config) {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    try {
      dataSource.setURL(config.uri());
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          JdbcCatalogConfig.URI, "not a PostgreSQL JDBC URL: " + config.redactedUri());
    }
    config.user().ifPresent(dataSource::setUser);
    config.password().ifPresent(dataSource::setPassword);
    config.schema().ifPresent(dataSource::setCurrentSchema);
    dataSource.setApplicationName("lakemesh-catalog");
    return new PostgresAccess(dataSource, config.schema());
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public ConnectionFactory connections() {
    return dataSource::getConnection;
  }

  @Override
  public Optional<String> schema() {
    return schema;
  }

  @Override
  public void close() {
    // Connections are closed after each unit of work; nothing stays open.
  }
}
