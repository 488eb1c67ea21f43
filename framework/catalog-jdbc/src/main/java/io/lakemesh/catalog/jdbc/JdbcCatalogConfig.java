package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.Names;
import io.lakemesh.catalog.UrlCredentials;
import io.lakemesh.exceptions.InvalidConfigException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The properties {@link JdbcGovernanceCatalog#initialize} reads, declared once with their defaults,
 * and their parsed values.
 */
public record JdbcCatalogConfig(
    String uri,
    Optional<String> user,
    Optional<String> password,
    Optional<String> schema,
    Duration busyTimeout,
    int poolSize) {

  /**
   * JDBC URL of the catalog database: {@code jdbc:sqlite:/path/catalog.db} or {@code
   * jdbc:postgresql://host/db}.
   */
  public static final String URI = "uri";

  /** Database user; may also be given in the URL. */
  public static final String USER = "user";

  /** Database password; may also be given in the URL. Secret: never logged or put in messages. */
  public static final String PASSWORD = "password";

  /**
   * PostgreSQL schema holding the catalog tables, created when missing; the user's default when
   * absent.
   */
  public static final String SCHEMA = "schema";

  /**
   * How long a SQLite writer waits for another writer (Spark's Iceberg catalog, another process)
   * before failing, in milliseconds.
   */
  public static final String SQLITE_BUSY_TIMEOUT_MS = "sqlite.busy-timeout-ms";

  public static final long SQLITE_BUSY_TIMEOUT_MS_DEFAULT = 30_000;

  /**
   * PostgreSQL only: keep a pool of at most this many open connections (the catalog server sets
   * it); 0, the default, opens a connection per unit of work, which suits short CLI commands.
   */
  public static final String POOL_MAX_SIZE = "pool.max-size";

  public static final int POOL_MAX_SIZE_DEFAULT = 0;

  public static JdbcCatalogConfig from(Map<String, String> properties) {
    String uri = properties.get(URI);
    if (uri == null || uri.isBlank()) {
      throw new InvalidConfigException(
          URI, "the jdbc catalog needs property '" + URI + "' (a JDBC URL)");
    }
    Optional<String> schema =
        Optional.ofNullable(properties.get(SCHEMA)).map(s -> Names.object(SCHEMA, s));
    return new JdbcCatalogConfig(
        uri.trim(),
        Optional.ofNullable(properties.get(USER)),
        Optional.ofNullable(properties.get(PASSWORD)),
        schema,
        Duration.ofMillis(
            longValue(properties, SQLITE_BUSY_TIMEOUT_MS, SQLITE_BUSY_TIMEOUT_MS_DEFAULT)),
        (int) Math.max(0, longValue(properties, POOL_MAX_SIZE, POOL_MAX_SIZE_DEFAULT)));
  }

  /** The URL with any credentials in it masked, fit for messages. */
  public String redactedUri() {
    return UrlCredentials.mask(uri);
  }

  @Override
  public String toString() {
    return "JdbcCatalogConfig[uri="
        + redactedUri()
        + ", user="
        + user.orElse("")
        + ", schema="
        + schema.orElse("")
        + "]";
  }

  private static long longValue(Map<String, String> properties, String key, long defaultValue) {
    String value = properties.get(key);
    if (value == null) {
      return defaultValue;
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          key, "property '" + key + "' must be a whole number, not '" + value + "'", e);
    }
  }
}
