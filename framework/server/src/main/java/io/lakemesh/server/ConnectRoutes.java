package io.lakemesh.server;

import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.connect.Engine;
import io.lakemesh.governance.rules.Governance;

/**
 * "How to query this" for the web UI's product page: the same guide as {@code lakemesh connect},
 * for the token's principal. The UI names the server by the URL it was loaded from, which is the
 * one a reader's engine reaches too (a proxy in front included).
 */
final class ConnectRoutes {
  private final ConnectionGuides guides;

  ConnectRoutes(Governance governance) {
    this.guides = new ConnectionGuides(governance);
  }

  Router addTo(Router router) {
    return router.get(
        "/tables/{catalog}/{database}/{table}/connect",
        c ->
            guides.guide(
                c.principal(), c.table(), Engine.parse(c.param("engine")), c.param("server")));
  }
}
