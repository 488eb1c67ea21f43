package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog contract on PostgreSQL, each test in a schema of its own that is dropped after it.
 * Runs when {@value #URL_VARIABLE} names a database ({@code .ci/start-postgres} prints one).
 */
class TestJdbcCatalogPostgres extends JdbcCatalogTests {
  static final String URL_VARIABLE = "LAKEMESH_TEST_PG_URL";

  private static final String URL = System.getenv(URL_VARIABLE);

  private final List<String> schemas = new ArrayList<>();

  @Override
  protected Map<String, String> newDatabase() {
    // Checked here, where every test starts, so each one is reported as skipped with the reason.
    assumeTrue(
        URL != null && !URL.isBlank(),
        URL_VARIABLE
            + " is not set, so there is no PostgreSQL to test on (.ci/start-postgres prints one)");
    String schema = "lm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    schemas.add(schema);
    return Map.of(JdbcCatalogConfig.URI, URL, JdbcCatalogConfig.SCHEMA, schema);
  }

  @Override
  protected Connection connect(Map<String, String> properties) throws SQLException {
    String schema = properties.get(JdbcCatalogConfig.SCHEMA);
    Connection c = DriverManager.getConnection(URL);
    try (Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      c.setSchema(schema);
    }
    return c;
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void keepsItsTablesInTheConfiguredSchema() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      s.setString(1, schemas.get(0));
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    assertThat(tables)
        .contains(
            "lm_schema_history", "lm_databases", "lm_tables", "lm_table_versions", "lm_job_runs")
        .allMatch(t -> t.startsWith("lm_"));
  }
}
