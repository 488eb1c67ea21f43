package io.lakemesh.governance.rules;

import io.lakemesh.server.ServedCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Catalog servers over the test worlds of a suite, one per world, stopped together: by {@link
 * #close}, or after each test when registered as an extension.
 */
final class ServedWorlds implements AutoCloseable, AfterEachCallback {
  private final List<ServedCatalog> servers = new ArrayList<>();

  /** A server over the world's rules and catalog, and a client that sends each actor's token. */
  GovernanceService serve(MeshWorld world) {
    ServedCatalog served = new ServedCatalog(world.governance, world.catalog);
    servers.add(served);
    return served.client();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    servers.forEach(ServedCatalog::close);
    servers.clear();
  }
}
