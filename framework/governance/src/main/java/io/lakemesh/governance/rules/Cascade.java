package io.lakemesh.governance.rules;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.ArrayDeque;
import java.util.ArrayList;
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

  /**
   * Stores a grant, adding to the grantee's entry on the resource, which then rests on the new
   * grant's authority. One case replaces the entry instead: the owner's own grant over an entry
   * made on another grant ({@code grant:N}). Merged, the re-granted permissions would become the
   * owner's and outlive the grant they were passed on from; so they end, with what rested on them,
   * and the entry holds what the owner granted. (Merging onto a request's entry is safe: revoking
   * the subscription takes its permissions from the entry whatever it rests on; and an entry on a
   * derived authority counts only as far as that authority supports it.) A derived grant of what
   * the owner's own entry holds already changes nothing, so that the owner's grant does not come to
   * rest on another's. Returns the entry.
   */
  Grant put(Principal actor, Grant grant) {
    Optional<Grant> found = ctx.store().grants().findGrant(grant.grantee(), grant.resource());
    // An entry past its expiry is recorded as ended first, so that the new grant replaces it
    // rather than reviving what expired.
    if (found
        .filter(b -> b.expiredAt(ctx.now()) && b.notice() != Grant.ExpiryNotice.EXPIRED)
        .isPresent()) {
      ctx.expiries().record(found.get());
      found = ctx.store().grants().findGrant(grant.grantee(), grant.resource());
    }
    Optional<Grant> before = found.filter(b -> b.notice() != Grant.ExpiryNotice.EXPIRED);
    if (grant.authorisation() != null
        && before
            .filter(b -> b.authorisation() == null)
            .filter(b -> holdsAll(b, grant))
            .isPresent()) {
      return before.get();
    }
    boolean replaces =
        grant.authorisation() == null
            && before.flatMap(Grant::authorisationRef).map(Authorisation::kind).orElse(null)
                == Authorisation.Kind.GRANT;
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

  private static boolean holdsAll(Grant held, Grant more) {
    return Permission.covers(held.permissions(), more.permissions())
        && Permission.covers(held.grantable(), more.grantable());
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

  /**
   * Ends every grant on a resource that ceases to exist (a dropped data filter), each audited as a
   * REVOKE whose after says {@code cascade of} the cause, then what rested on them.
   */
  void endAllOn(Principal actor, Resource resource, String cause) {
    List<Authorisation> ended = new ArrayList<>();
    for (Grant grant : ctx.store().grants().grantsOn(resource.catalog())) {
      if (grant.resource().equals(resource)) {
        ctx.store().grants().removeGrant(grant.grantee(), resource, grant.permissions());
        audit(actor, grant, grant.grantee() + " none; cascade of " + cause);
        ended.add(Authorisation.grant(grant.id()));
      }
    }
    follow(actor, ended);
  }

  /** Subscriptions whose grant is gone end as REVOKED; returns them, as authorities that ended. */
  List<Authorisation> endSubscriptions(
      Principal actor,
      AuditTrail.Scope audit,
      Principal grantee,
      Resource resource,
      Optional<Grant> left) {
    List<Authorisation> ended = new ArrayList<>();
    for (AccessRequest r : ctx.store().requests().requestsBy(grantee.account())) {
      boolean lapsed =
          left.map(g -> !Permission.covers(g.permissions(), r.grantedPermissions())).orElse(true);
      if (r.state() == AccessRequest.State.ACTIVE
          && r.requester().equals(grantee)
          && resource.equals(r.granted())
          && lapsed) {
        ctx.store()
            .requests()
            .updateRequest(r.revoked(actor, ctx.now()), AccessRequest.State.ACTIVE);
        audit.allowed(
            AuditAction.REVOKE_SUBSCRIPTION,
            resource,
            "request " + r.id() + " ACTIVE",
            "request " + r.id() + " REVOKED");
        ended.add(Authorisation.request(r.id()));
      }
    }
    return ended;
  }

  /** Takes away what the grant's chain no longer gives; true when something was taken. */
  private boolean end(Principal actor, Authorisation authority, Grant derived) {
    if (derived.notice() == Grant.ExpiryNotice.EXPIRED) {
      // It gives nothing already, and what rested on it was followed when its expiry was
      // recorded: it stays as the record of that expiry (shown as expired).
      return false;
    }
    Set<Permission> lost = EnumSet.noneOf(Permission.class);
    lost.addAll(derived.permissions());
    ctx.entitlements().inForce(derived).ifPresent(kept -> lost.removeAll(kept.permissions()));
    if (lost.isEmpty()) {
      return false;
    }
    Optional<Grant> left =
        ctx.store().grants().removeGrant(derived.grantee(), derived.resource(), lost);
    audit(actor, derived, GrantRules.held(derived.grantee(), left) + "; cascade of " + authority);
    return true;
  }

  private void audit(Principal actor, Grant ended, String after) {
    ctx.trail()
        .of(ctx.subjects().logOf(ended.resource(), actor), actor)
        .allowed(AuditAction.REVOKE, ended.resource(), GrantRules.held(ended), after);
  }
}
