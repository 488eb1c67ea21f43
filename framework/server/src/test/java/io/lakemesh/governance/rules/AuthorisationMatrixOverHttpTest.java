package io.lakemesh.governance.rules;

import io.lakemesh.server.ServedCatalog;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The authorisation matrix of {@link AuthorisationMatrixTest} (its table of expected outcomes, its
 * cases, its checks), with every action sent to the catalog server over HTTP with the actor's own
 * token: the server, not the client, decides.
 */
class AuthorisationMatrixOverHttpTest extends AuthorisationMatrixTest {
  private final List<ServedCatalog> servers = new ArrayList<>();

  @Override
  GovernanceService service(MeshWorld world) {
    ServedCatalog served = new ServedCatalog(world.governance, world.catalog);
    servers.add(served);
    return served.client();
  }

  @Override
  String transport() {
    return "over HTTP, each actor with its own token";
  }

  @AfterEach
  void stopServers() {
    servers.forEach(ServedCatalog::close);
  }
}
