package io.lakemesh.catalog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The governance storage contract on a fresh SQLite file per test. */
class JdbcGovernanceStorageTest extends JdbcGovernanceStorageTests {
  @TempDir Path dir;
  private int databases;

  @Override
  protected Map<String, String> newDatabase() {
    databases++;
    return Map.of(
        JdbcCatalogConfig.URI, "jdbc:sqlite:" + dir.resolve("governance-" + databases + ".db"));
  }

  @Override
  protected Connection connect(Map<String, String> properties) throws SQLException {
    return DriverManager.getConnection(properties.get(JdbcCatalogConfig.URI));
  }

  @Test
  void theEntitlementLookupIsAnsweredFromAnIndex() throws SQLException {
    String lookup =
        "EXPLAIN QUERY PLAN SELECT * FROM lm_grants WHERE grantee = 'marketing' AND catalog_name ="
            + " 'sales' AND database_name IN ('sales', '*') AND table_name IN ('orders', '*')";
    List<String> plan = new ArrayList<>();
    try (Connection c = connect(properties());
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(lookup)) {
      while (rows.next()) {
        plan.add(rows.getString("detail"));
      }
    }
    assertThat(plan).anyMatch(step -> step.contains("INDEX lm_grants_by_grantee"));
    assertThat(plan).noneMatch(step -> step.startsWith("SCAN"));
  }
}
