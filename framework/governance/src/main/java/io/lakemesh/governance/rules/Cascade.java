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
import java.util.Objects;
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

  /**
   * Stores a grant. An entry (one per grantee and resource) rests on one authority, so a grant on
   * another authority replaces the entry instead of adding to it: what it held on the old authority
   * ends, and what rested on it follows. No permission then outlives the authority it was granted
   * on, nor passes to a stronger one (a consumer's re-grant does not become the owner's grant when
   * the owner grants the same principal something else). Returns the entry as it now stands.
   */
  Grant put(Principal actor, Grant grant) {
    Optional<Grant> before = ctx.store().grants().findGrant(grant.grantee(), grant.resource());
    boolean replaces =
        before.isPresent() && !Objects.equals(before.get().authorisation(), grant.authorisation());
    if (replaces) {
      ctx.store()
          .grants()
          .removeGrant(grant.grantee(), grant.resource(), before.get().permissions());
    }
    Grant stored = ctx.store().grants().addGrant(grant);
    if (replaces) {
      follow(actor, List.of(Authorisation.grant(before.get().id())));
    }
    return stored;
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
