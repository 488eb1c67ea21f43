package io.lakemesh.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The catalog contract through the server, the server storing into PostgreSQL (a schema per test,
 * dropped after it). Runs when {@code LAKEMESH_TEST_PG_URL} is set ({@code .ci/start-postgres}).
 */
class HttpCatalogContractOnPostgresTest extends HttpCatalogContractTest {
  private static final String URL = System.getenv("LAKEMESH_TEST_PG_URL");
  private final List<String> schemas = new ArrayList<>();

  @Override
  protected Map<String, String> newBackend() {
    assumeTrue(
        URL != null && !URL.isBlank(),
        "LAKEMESH_TEST_PG_URL is not set (.ci/start-postgres prints one)");
    String schema = "lm_http_" + System.nanoTime();
    schemas.add(schema);
    return Map.of("uri", URL, "schema", schema, "pool.max-size", "4");
  }

  @AfterEach
  void dropSchemas() throws SQLException {
    // Skipped tests created nothing, and without a server there is nothing to connect to.
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
}
