package io.lakemesh.governance.rules;

import org.junit.jupiter.api.AfterEach;

/**
 * The cascades of {@link CascadeTest}, every action sent to the catalog server over HTTP with the
 * actor's own token.
 */
class CascadeOverHttpTest extends CascadeTest {
  private final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }

  @AfterEach
  void stopServers() {
    servers.close();
  }
}
