package io.lakemesh.governance.rules;

import io.lakemesh.server.ServedCatalog;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Catalog servers over the test worlds of a suite, one per world, stopped together: by {@link
 * #close}, or after each test when registered as an extension.
 */
final class ServedWorlds implements AutoCloseable, AfterEachCallback {
  private final List<ServedCatalog> servers = new ArrayList<>();
  private final Map<MeshWorld, ServedCatalog> byWorld = new IdentityHashMap<>();

  /**
   * A client of the world's one server (a mesh runs one server over its catalog), whose actors get
   * tokens of their own. A suite asks for a client per case (the authorisation matrix some 1,100
   * times): new tokens keep each case's refusals apart, as a server per case did, without starting
   * one.
   */
  GovernanceService serve(MeshWorld world) {
    return served(world).clientWithNewTokens();
  }

  /**
   * A server over other rules of the world's catalog (such as ones on a test's clock), and a
   * client.
   */
  GovernanceService serve(MeshWorld world, Governance rules) {
    ServedCatalog served = new ServedCatalog(rules, world.catalog);
    servers.add(served);
    return served.client();
  }

  /** The one server over the world, started on first use. */
  ServedCatalog served(MeshWorld world) {
    return byWorld.computeIfAbsent(
        world,
        w -> {
          ServedCatalog served = new ServedCatalog(w.governance, w.catalog);
          servers.add(served);
          return served;
        });
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    servers.forEach(ServedCatalog::close);
    servers.clear();
    byWorld.clear();
  }
}
