package io.lakemesh.catalog.jdbc;

import org.flywaydb.core.Flyway;

/** Catalog databases as an older lakemesh left them, for the tests that read them with this one. */
final class OlderCatalogs {
  private OlderCatalogs() {}

  /** Migrates the database at {@code uri} up to migration {@code version} and no further. */
  static void migrateTo(String uri, String version) {
    Flyway.configure(OlderCatalogs.class.getClassLoader())
        .dataSource(uri, null, null)
        .locations(Migrations.LOCATION)
        .table(Migrations.HISTORY_TABLE)
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .target(version)
        .load()
        .migrate();
  }
}
