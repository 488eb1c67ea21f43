package io.lakemesh.catalog.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Creates and upgrades the catalog tables with Flyway, in one SQL dialect for every database. */
final class Migrations {
  static final String LOCATION = "classpath:db/migration/lakemesh";
  static final String HISTORY_TABLE = "lm_schema_history";

  // Flyway cannot lock a SQLite database: catalogs opened side by side in one JVM take turns.
  private static final Object LOCK = new Object();

  private Migrations() {}

  /**
   * Checks the database answers, then migrates it.
   *
   * @throws SQLException when no connection can be made; the driver's message is clearer than
   *     Flyway's and never carries the URL
   */
  static void migrate(DatabaseAccess access) throws SQLException {
    try (Connection probe = access.dataSource().getConnection()) {
      probe.isValid(5);
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
  }
}
