package io.lakemesh.governance.rules;

import io.lakemesh.governance.AccessToken;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import java.util.Set;

/** Audits the life of access tokens: issued and revoked, in the log of the token's account. */
final class TokenRecords {
  private static final Set<AuditAction> ACTIONS =
      Set.of(AuditAction.TOKEN_CREATE, AuditAction.TOKEN_REVOKE);

  private final Context ctx;

  TokenRecords(Context ctx) {
    this.ctx = ctx;
  }

  void record(Principal actor, AuditAction action, AccessToken token, String detail) {
    if (!ACTIONS.contains(action)) {
      throw new IllegalArgumentException("not an access token action: " + action.label());
    }
    String resource = "token " + token.id() + " of " + token.principal();
    ctx.trail()
        .of(ctx.subjects().logOf(token.principal()), actor)
        .actingAs(token.principal().account())
        .allowed(action, resource, "", detail);
  }
}
