package io.lakemesh.governance.rules;

import org.junit.jupiter.api.AfterEach;

/** {@link ConsumerSubscriptionTest}, every call sent to the catalog server over HTTP. */
class ConsumerSubscriptionOverHttpTest extends ConsumerSubscriptionTest {
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
