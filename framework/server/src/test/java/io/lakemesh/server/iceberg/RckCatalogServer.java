package io.lakemesh.server.iceberg;

import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.server.DemoCatalog;
import io.lakemesh.server.ServedCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The catalog server for Iceberg's REST Compatibility Kit: started on loopback before the kit makes
 * its client, over a real SQLite governance catalog of the demo mesh and a local warehouse, and
 * named to the client as the producer {@code sales} ({@code credential=ID:SECRET}) through the
 * system properties the kit reads its settings from.
 */
final class RckCatalogServer implements BeforeAllCallback, AfterAllCallback {
  private DemoCatalog demo;
  private LocalWarehouses warehouses;
  private ServedCatalog served;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path dir = Files.createTempDirectory("lakemesh-rck");
    demo = new DemoCatalog(dir);
    warehouses = new LocalWarehouses(dir, Set.of("sales"));
    served = new ServedCatalog(demo.governance, demo.catalog, warehouses);
    String token = served.token(MeshFixtures.SALES);
    int end = token.indexOf('_', 4);
    System.setProperty("uri", served.server().uri() + IcebergRest.MOUNT);
    System.setProperty("credential", token.substring(4, end) + ":" + token.substring(end + 1));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    System.clearProperty("uri");
    System.clearProperty("credential");
    served.close();
    warehouses.close();
    demo.close();
  }
}
