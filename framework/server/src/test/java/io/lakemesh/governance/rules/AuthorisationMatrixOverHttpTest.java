package io.lakemesh.governance.rules;

import org.junit.jupiter.api.AfterEach;

/**
 * The authorisation matrix of {@link AuthorisationMatrixTest} (its table of expected outcomes, its
 * cases, its checks), with every action sent to the catalog server over HTTP with the actor's own
 * token: the server, not the client, decides.
 */
class AuthorisationMatrixOverHttpTest extends AuthorisationMatrixTest {
  private final ServedWorlds servers = new ServedWorlds();

  @Override
  GovernanceService service(MeshWorld world) {
    return servers.serve(world);
  }

  @Override
  String transport() {
    return "over HTTP, each actor with its own token";
  }

  @AfterEach
  void stopServers() {
    servers.close();
  }
}
