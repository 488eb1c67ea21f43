package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The expiries of {@link AccessExpiryTest}, every action sent to the catalog server over HTTP with
 * the actor's own token.
 */
class AccessExpiryOverHttpTest extends AccessExpiryTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
