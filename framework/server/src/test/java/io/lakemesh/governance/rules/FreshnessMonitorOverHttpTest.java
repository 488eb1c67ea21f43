package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The freshness monitor of {@link FreshnessMonitorTest}, each pass and search sent to the catalog
 * server over HTTP with the actor's own token.
 */
class FreshnessMonitorOverHttpTest extends FreshnessMonitorTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world, Governance rules) {
    return servers.serve(world, rules);
  }
}
