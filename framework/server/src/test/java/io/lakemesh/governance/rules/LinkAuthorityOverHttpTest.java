package io.lakemesh.governance.rules;

import org.junit.jupiter.api.extension.RegisterExtension;

/** The link boundary and the audited refusals of {@link LinkAuthorityTest}, over HTTP. */
class LinkAuthorityOverHttpTest extends LinkAuthorityTest {
  @RegisterExtension final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }
}
