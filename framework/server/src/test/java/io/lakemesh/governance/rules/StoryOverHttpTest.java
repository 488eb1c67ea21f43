package io.lakemesh.governance.rules;

import org.junit.jupiter.api.AfterEach;

/** The subscription story of {@link StoryTest}, every step sent to the catalog server over HTTP. */
class StoryOverHttpTest extends StoryTest {
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
