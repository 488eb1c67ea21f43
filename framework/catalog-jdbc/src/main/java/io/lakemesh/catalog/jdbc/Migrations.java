package io.lakemesh.catalog.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Creates and upgrades the catalog tables with Flyway, in one SQL dialect for every database. */
final class Migrations {
  static final String LOCATION = "classpath:db/migration/lakemesh";
  static final String HISTORY_TABLE = "lm_schema_history";

  /**
   * The version of the newest script in {@link #LOCATION}. A new migration must raise it (the
   * migrations test fails until it does): a database whose history ends here is opened without
   * Flyway.
   */
  static final String LATEST_VERSION = "13";

  // Flyway cannot lock a SQLite database: catalogs opened side by side in one JVM take turns.
  private static final Object LOCK = new Object();

  private Migrations() {}

  /**
   * Checks the database answers, then migrates it, unless its schema history already ends at {@link
   * #LATEST_VERSION} with every entry applied: then there is nothing to migrate, and one query
   * spares every command Flyway's scan of the classpath and its own reads of the history. Anything
   * else (no history yet, an older version, a failed entry, a newer lakemesh's version) goes to
   * Flyway, which decides as it always has.
   *
   * @return whether Flyway ran
   * @throws SQLException when no connection can be made; the driver's message is clearer than
   *     Flyway's and never carries the URL
   */
  static boolean migrate(DatabaseAccess access) throws SQLException {
    try (Connection probe = access.dataSource().getConnection()) {
      probe.isValid(5);
      if (historyEndsAtLatest(probe, access.schema())) {
        return false;
      }
    }
    FluentConfiguration config =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(access.dataSource())
            .locations(LOCATION)
            .table(HISTORY_TABLE)
            // The database may already hold Iceberg's catalog tables: start our history beside
            // them.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    access.schema().ifPresent(schema -> config.schemas(schema).createSchemas(true));
    synchronized (LOCK) {
      config.load().migrate();
    }
    return true;
  }

  /**
   * Whether Flyway's history table (in {@code schema}, where Flyway keeps it when one is set)
   * records {@link #LATEST_VERSION} as its highest version and no failed entry. False when there is
   * no such table yet.
   */
  private static boolean historyEndsAtLatest(Connection connection, Optional<String> schema) {
    // The schema is a validated object name (lower case, digits, underscores); Flyway quotes it.
    String table = schema.map(s -> "\"" + s + "\".").orElse("") + HISTORY_TABLE;
    MigrationVersion highest = null;
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version, success FROM " + table + " WHERE version IS NOT NULL")) {
      while (rows.next()) {
        if (!rows.getBoolean("success")) {
          return false;
        }
        MigrationVersion version = MigrationVersion.fromVersion(rows.getString("version"));
        if (highest == null || version.compareTo(highest) > 0) {
          highest = version;
        }
      }
    } catch (SQLException noHistoryYet) {
      return false;
    }
    return MigrationVersion.fromVersion(LATEST_VERSION).equals(highest);
  }
}
