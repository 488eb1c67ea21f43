package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cascades of {@link CascadeTest}, every action sent to the catalog server over HTTP with the
 * actor's own token.
 */
class CascadeOverHttpTest extends CascadeTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
