package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stale rows of {@link BackstopTest}, every check sent to the catalog server over HTTP: the
 * server's entitlement check follows each chain.
 */
class BackstopOverHttpTest extends BackstopTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
