package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog contract on PostgreSQL, each test in a schema of its own that is dropped after it.
 * Runs when {@value PostgresSchemas#URL_VARIABLE} names a database ({@code .ci/start-postgres}
 * prints one).
 */
class JdbcCatalogOnPostgresTest extends JdbcCatalogTests {
  private final PostgresSchemas schemas = new PostgresSchemas();

  @Override
  protected Map<String, String> newDatabase() {
    return schemas.newDatabase();
  }

  @Override
  protected Connection connect(Map<String, String> properties) throws SQLException {
    return schemas.connect(properties);
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    schemas.dropAll();
  }

  @Test
  void keepsItsTablesInTheConfiguredSchema() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(PostgresSchemas.URL);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?")) {
      s.setString(1, schemas.first());
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
