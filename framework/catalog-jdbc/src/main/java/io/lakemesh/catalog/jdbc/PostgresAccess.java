package io.lakemesh.catalog.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database: a new connection per unit of work by default (a CLI command does a few),
 * or a pool of open connections when {@link JdbcCatalogConfig#POOL_MAX_SIZE} is set (the catalog
 * server, which does many).
 */
final class PostgresAccess implements DatabaseAccess {
  static final String URL_PREFIX = "jdbc:postgresql:";

  private final PGSimpleDataSource dataSource;
  private final Optional<String> schema;
  private final HikariDataSource pool;

  private PostgresAccess(PGSimpleDataSource dataSource, Optional<String> schema, int poolSize) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.pool = poolSize > 0 ? pool(dataSource, poolSize) : null;
  }

  private static HikariDataSource pool(PGSimpleDataSource dataSource, int size) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(dataSource);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(Math.min(2, size));
    config.setPoolName("lakemesh-catalog");
    config.setConnectionTimeout(30_000);
    return new HikariDataSource(config);
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
    return new PostgresAccess(dataSource, config.schema(), config.poolSize());
  }

  @Override
  public DataSource dataSource() {
    return pool != null ? pool : dataSource;
  }

  @Override
  public ConnectionFactory connections() {
    DataSource source = dataSource();
    return source::getConnection;
  }

  @Override
  public Optional<String> schema() {
    return schema;
  }

  /** The database's own collation follows a locale, which may order punctuation apart. */
  @Override
  public String byteOrder() {
    return " COLLATE \"C\"";
  }

  @Override
  public void close() {
    // Without a pool, connections are closed after each unit of work; nothing stays open.
    if (pool != null) {
      pool.close();
    }
  }
}
