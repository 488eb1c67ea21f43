package io.lakemesh.catalog.jdbc;

import org.flywaydb.core.Flyway;

/** Catalog databases as an older lakemesh left them, for the tests that read them with this one. */
final class OlderCatalogs {
  /**
   * Request 1, PENDING, of marketing for SELECT on sales.orders, made 2026-12-01T09:00:00Z, as
   * every version since V2 stores it.
   */
  static final String PENDING_REQUEST =
      "INSERT INTO lm_access_requests (request_id, requester, requester_account,"
          + " resource_kind, catalog_name, database_name, table_name, column_mode,"
          + " columns_json, permissions, state, granted_permissions, reason, created_at,"
          + " updated_at) VALUES (1, 'marketing', 'marketing', 'TABLE', 'sales', 'sales',"
          + " 'orders', '', '[]', 'SELECT', 'PENDING', '', '',"
          + " '2026-12-01T09:00:00.000000000Z', '2026-12-01T09:00:00.000000000Z')";

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
