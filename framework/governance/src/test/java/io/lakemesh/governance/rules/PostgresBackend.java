package io.lakemesh.governance.rules;

import io.lakemesh.catalog.jdbc.JdbcCatalogConfig;
import io.lakemesh.catalog.jdbc.PostgresSchemas;
import io.lakemesh.governance.Topology;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rule suites on PostgreSQL, as the catalog server runs there: each world in a schema of its
 * own on the server {@value PostgresSchemas#URL_VARIABLE} names, through a pool of connections.
 * After every test its worlds are closed and their schemas emptied for the next test ({@link
 * PostgresSchemas#recycling()}). Without that variable each test is reported as skipped, saying so.
 *
 * <p>The pool spares the rules a new connection (and its password exchange) for every unit of work;
 * the catalog contract in framework/catalog-jdbc keeps checking the catalog without one.
 */
final class PostgresBackend implements MeshBackend, AfterEachCallback {
  /** As the catalog server's tests on PostgreSQL size it. */
  private static final String POOL_SIZE = "4";

  private final PostgresSchemas schemas = PostgresSchemas.recycling();
  private final List<MeshStore> opened = new ArrayList<>();

  @Override
  public MeshStore open(Topology topology, Path dir) {
    Map<String, String> properties = new HashMap<>(schemas.newDatabase());
    properties.put(JdbcCatalogConfig.POOL_MAX_SIZE, POOL_SIZE);
    MeshStore store = new JdbcMeshStore(properties, () -> schemas.connect(properties));
    opened.add(store);
    return store;
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    // A world a test left open would keep its pool's connections; closing twice is harmless.
    opened.forEach(MeshStore::close);
    opened.clear();
    schemas.dropAll();
  }
}
