package io.lakemesh.catalog.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Catalog databases on the PostgreSQL server that {@value #URL_VARIABLE} names ({@code
 * .ci/start-postgres} prints one): a schema of its own per catalog, dropped by {@link #dropAll}.
 * Public for the rule suites of framework/governance, which run on PostgreSQL the same way.
 */
public final class PostgresSchemas {
  public static final String URL_VARIABLE = "LAKEMESH_TEST_PG_URL";
  public static final String URL = System.getenv(URL_VARIABLE);

  private final List<String> schemas = new ArrayList<>();

  /** Properties of a catalog in a new schema; skips the calling test when there is no server. */
  public Map<String, String> newDatabase() {
    // Checked where every test starts, so each one is reported as skipped with the reason.
    assumeTrue(
        URL != null && !URL.isBlank(),
        URL_VARIABLE
            + " is not set, so there is no PostgreSQL to test on (.ci/start-postgres prints one)");
    String schema = "lm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    schemas.add(schema);
    return Map.of(JdbcCatalogConfig.URI, URL, JdbcCatalogConfig.SCHEMA, schema);
  }

  /** The first schema handed out. */
  String first() {
    return schemas.get(0);
  }

  /** A plain connection whose default schema is the catalog's. */
  public Connection connect(Map<String, String> properties) throws SQLException {
    String schema = properties.get(JdbcCatalogConfig.SCHEMA);
    Connection c = DriverManager.getConnection(URL);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      c.setSchema(schema);
    }
    return c;
  }

  public void dropAll() throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    schemas.clear();
  }
}
