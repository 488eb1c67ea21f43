package io.lakemesh.catalog.jdbc;

import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.InvalidConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A SQLite file shared with Spark's Iceberg JDBC catalog. WAL lets readers run beside a writer; the
 * busy timeout and immediate transactions make concurrent writers queue instead of failing.
 */
final class SqliteAccess implements DatabaseAccess {
  static final String URL_PREFIX = "jdbc:sqlite:";

  static final int PAGE_CACHE_KIB = 16 * 1024;

  private final SQLiteDataSource dataSource;
  private final SharedConnection connection;

  private SqliteAccess(SQLiteDataSource dataSource) {
    this.dataSource = dataSource;
    this.connection = new SharedConnection(dataSource);
  }

  static SqliteAccess open(JdbcCatalogConfig config) {
    if (config.schema().isPresent()) {
      throw new InvalidConfigException(
          JdbcCatalogConfig.SCHEMA,
          "property '" + JdbcCatalogConfig.SCHEMA + "' applies to PostgreSQL only");
    }
    databaseFile(config.uri()).ifPresent(SqliteAccess::createParentFolders);
    SQLiteConfig sqlite = new SQLiteConfig();
    sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
    sqlite.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, config.busyTimeout().toMillis()));
    // A deferred transaction that reads, then writes after another connection committed, fails
    // at once with SQLITE_BUSY; taking the write lock up front makes it wait instead.
    sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
    // SQLite's default page cache is 2 MiB; a catalog of thousands of products reads its indexes
    // and search rows from the operating system again on every search. Negative: in KiB.
    sqlite.setCacheSize(-PAGE_CACHE_KIB);
    SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
    dataSource.setUrl(config.uri());
    return new SqliteAccess(dataSource);
  }

  /** The database file a URL names, or empty for in-memory and resource databases. */
  static Optional<Path> databaseFile(String url) {
    String name = url.substring(URL_PREFIX.length());
    if (name.startsWith("file:")) {
      name = name.substring("file:".length());
      int query = name.indexOf('?');
      if (query >= 0) {
        if (name.substring(query).contains("mode=memory")) {
          return Optional.empty();
        }
        name = name.substring(0, query);
      }
      if (name.startsWith("///")) {
        name = name.substring(2);
      }
    }
    if (name.isEmpty() || name.startsWith(":")) {
      return Optional.empty();
    }
    return Optional.of(Path.of(name).toAbsolutePath());
  }

  private static void createParentFolders(Path file) {
    try {
      Files.createDirectories(file.getParent());
    } catch (IOException e) {
      throw new ExternalServiceException(
          "cannot create the folder of the catalog database " + file, e);
    }
  }

  @Override
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public ConnectionFactory connections() {
    return connection;
  }

  @Override
  public Optional<String> schema() {
    return Optional.empty();
  }

  /** SQLite's default collation, BINARY, compares bytes. */
  @Override
  public String byteOrder() {
    return "";
  }

  @Override
  public void close() {
    connection.close();
  }
}
