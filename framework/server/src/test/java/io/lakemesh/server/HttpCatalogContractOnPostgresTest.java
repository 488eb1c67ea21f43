package io.lakemesh.server;

import io.lakemesh.catalog.jdbc.JdbcCatalogConfig;
import io.lakemesh.catalog.jdbc.PostgresSchemas;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog contract through the server, the server storing into PostgreSQL (a schema per test,
 * emptied after it for the next test, which then runs no migration: {@link
 * PostgresSchemas#recycling()}). Runs when {@code LAKEMESH_TEST_PG_URL} is set ({@code
 * .ci/start-postgres}).
 */
class HttpCatalogContractOnPostgresTest extends HttpCatalogContractTest {
  private final PostgresSchemas schemas = PostgresSchemas.recycling();

  // An extension's callback runs after the suite's @AfterEach has closed the server, whose last
  // audit flush would otherwise write into a schema already emptied for the next test.
  @RegisterExtension final AfterEachCallback emptySchemas = context -> schemas.dropAll();

  @Override
  protected Map<String, String> newBackend() {
    Map<String, String> properties = new HashMap<>(schemas.newDatabase());
    properties.put(JdbcCatalogConfig.POOL_MAX_SIZE, "4");
    return properties;
  }
}
