package io.lakemesh.governance.rules;

import io.lakemesh.catalog.jdbc.PostgresSchemas;
import io.lakemesh.governance.Topology;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rule suites on PostgreSQL, as the catalog contract runs there: each world in a schema of its
 * own on the server {@value PostgresSchemas#URL_VARIABLE} names, dropped after every test. Without
 * that variable each test is reported as skipped, saying so.
 */
final class PostgresBackend implements MeshBackend, AfterEachCallback {
  private final PostgresSchemas schemas = new PostgresSchemas();

  @Override
  public MeshStore open(Topology topology, Path dir) {
    Map<String, String> properties = schemas.newDatabase();
    return new JdbcMeshStore(properties, () -> schemas.connect(properties));
  }

  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    schemas.dropAll();
  }
}
