package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The data filters of {@link DataFilterTest}, every action sent to the catalog server over HTTP
 * with the actor's own token.
 */
class DataFilterOverHttpTest extends DataFilterTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
