package io.lakemesh.governance.rules;

import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Derived grants end with their authority. After a grant is revoked (wholly or in part) or a
 * request ends, every grant made on it loses what its chain of authority no longer supports (see
 * {@link AuthorityChain}), and so on down the chain, each loss audited as a REVOKE whose after says
 * {@code cascade of grant:N} or {@code cascade of request:N}. It runs inside the unit of work that
 * ended the authority, so the chain never stands half-ended.
 */
final class Cascade {
  private final Context ctx;

  Cascade(Context ctx) {
    this.ctx = ctx;
  }

  /** Follows the ended (or narrowed) authorities down, as {@code actor} ended them. */
  void follow(Principal actor, List<Authorisation> ended) {
    Deque<Authorisation> pending = new ArrayDeque<>(ended);
    Set<Authorisation> followed = new HashSet<>();
    while (!pending.isEmpty()) {
      Authorisation authority = pending.pop();
      if (!followed.add(authority)) {
        continue;
      }
      for (Grant derived : ctx.store().grants().grantsAuthorisedBy(authority)) {
        if (end(actor, authority, derived)) {
          pending.add(Authorisation.grant(derived.id()));
        }
      }
    }
  }

  /** Takes away what the grant's chain no longer gives; true when something was taken. */
  private boolean end(Principal actor, Authorisation authority, Grant derived) {
    Set<Permission> lost = EnumSet.noneOf(Permission.class);
    lost.addAll(derived.permissions());
    ctx.entitlements().inForce(derived).ifPresent(kept -> lost.removeAll(kept.permissions()));
    if (lost.isEmpty()) {
      return false;
    }
    Optional<Grant> left =
        ctx.store().grants().removeGrant(derived.grantee(), derived.resource(), lost);
    ctx.trail()
        .of(ctx.subjects().logOf(derived.resource(), actor), actor)
        .allowed(
            AuditAction.REVOKE,
            derived.resource(),
            GrantRules.held(derived),
            GrantRules.held(derived.grantee(), left) + "; cascade of " + authority);
    return true;
  }
}
