package io.lakemesh.governance.rules;

import io.lakemesh.server.ServedCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** The subscription story of {@link StoryTest}, every step sent to the catalog server over HTTP. */
class StoryOverHttpTest extends StoryTest {
  private final List<ServedCatalog> servers = new ArrayList<>();

  @Override
  GovernanceService service(MeshWorld world) {
    ServedCatalog served = new ServedCatalog(world.governance, world.catalog);
    servers.add(served);
    return served.client();
  }

  @AfterEach
  void stopServers() {
    servers.forEach(ServedCatalog::close);
  }
}
