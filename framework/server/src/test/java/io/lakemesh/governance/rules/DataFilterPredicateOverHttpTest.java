package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a data filter may say ({@link DataFilterPredicateTest}), every action sent to the catalog
 * server over HTTP with the actor's own token.
 */
class DataFilterPredicateOverHttpTest extends DataFilterPredicateTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
