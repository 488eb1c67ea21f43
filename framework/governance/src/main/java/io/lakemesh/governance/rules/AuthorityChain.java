package io.lakemesh.governance.rules;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a stored grant gives while the chain of authority it was made on is in force. A grant rests
 * on the owner (no authorisation: the owner granted it), on an ACTIVE access request of its grantee
 * that covers it ({@code request:N}), or on another grant whose grantee made it and which holds,
 * with grant option, what it passes on ({@code grant:N}); that grant rests on its own authority in
 * turn. Every check follows the chain by id, so a row whose authority has ended, or was never given
 * (a row written straight to the database, or left by an older version), gives nothing. A grant
 * gives nothing from the instant of its expiry on (nor does a request past the expiry its approval
 * set), and neither does anything resting on it: this is the one place where expiry is decided, and
 * each expired grant met here is handed to {@code expired} to be recorded.
 */
final class AuthorityChain {
  // Deeper than any chain the rules can build (owner, governance, consumer administrator, ...),
  // and a bound on the reads one check makes whatever the stored rows say.
  private static final int MAX_LINKS = 16;

  private final Mesh mesh;
  private final GovernanceStore store;
  private final Clock clock;
  private final Consumer<Grant> expired;

  AuthorityChain(Mesh mesh, GovernanceStore store, Clock clock, Consumer<Grant> expired) {
    this.mesh = mesh;
    this.store = store;
    this.clock = clock;
    this.expired = expired;
  }

  /**
   * The grant as far as its chain supports it: the permissions and grant options its authority
   * still gives; empty when it gives none.
   */
  Optional<Grant> inForce(Grant grant) {
    return inForce(grant, new HashSet<>());
  }

  private Optional<Grant> inForce(Grant grant, Set<Long> followed) {
    if (grant.expiredAt(clock.instant())) {
      if (grant.notice() != Grant.ExpiryNotice.EXPIRED) {
        expired.accept(grant);
      }
      return Optional.empty();
    }
    Authorisation authority = grant.authorisation();
    if (authority == null) {
      return owner(grant.grantor(), grant) ? Optional.of(grant) : Optional.empty();
    }
    // A chain that comes back to a grant it passed through, or that never ends, rests on nothing.
    if (!followed.add(grant.id()) || followed.size() > MAX_LINKS) {
      return Optional.empty();
    }
    return authority.kind() == Authorisation.Kind.REQUEST
        ? onRequest(grant, authority.id())
        : onGrant(grant, authority.id(), followed);
  }

  /** A request gives what it approved, to its requester, without grant option. */
  private Optional<Grant> onRequest(Grant grant, long id) {
    Optional<AccessRequest> request =
        store
            .requests()
            .findRequest(id)
            .filter(r -> reaches(r, grant.grantee(), grant.resource()))
            .filter(r -> r.expires() == null || clock.instant().isBefore(r.expires()));
    return request.flatMap(r -> limited(grant, r.grantedPermissions(), Set.of()));
  }

  /**
   * True when the request is ACTIVE, is the grantee's, and what it approved covers the resource.
   */
  static boolean reaches(AccessRequest request, Principal grantee, Resource resource) {
    return request.state() == AccessRequest.State.ACTIVE
        && request.requester().equals(grantee)
        && request.granted() != null
        && request.granted().covers(resource);
  }

  /**
   * A grant gives, to those its grantee granted, what it holds with grant option: inside the
   * grantee's own account, or anywhere when the grantee is the governance account carrying out the
   * owner's grants.
   */
  private Optional<Grant> onGrant(Grant grant, long id, Set<Long> followed) {
    Optional<Grant> authority =
        store
            .grants()
            .findGrant(id)
            .filter(a -> a.grantee().equals(grant.grantor()))
            .filter(a -> a.resource().covers(grant.resource()))
            .filter(a -> insideOrCarriedOut(a.grantee(), grant))
            .flatMap(a -> inForce(a, followed));
    return authority.flatMap(a -> limited(grant, a.grantable(), a.grantable()));
  }

  private boolean insideOrCarriedOut(Principal grantor, Grant grant) {
    String owner = grant.resource().catalog();
    return Standing.of(mesh, grantor, owner) == Standing.GOVERNOR
        || grantor.account().equals(grant.grantee().account());
  }

  private boolean owner(Principal grantor, Grant grant) {
    return Standing.of(mesh, grantor, grant.resource().catalog()) == Standing.OWNER;
  }

  private static Optional<Grant> limited(
      Grant grant, Set<Permission> permitted, Set<Permission> grantablePermitted) {
    Set<Permission> permissions = within(grant.permissions(), permitted);
    if (permissions.isEmpty()) {
      return Optional.empty();
    }
    if (permissions.equals(grant.permissions())
        && grant.grantable().equals(within(grant.grantable(), grantablePermitted))) {
      return Optional.of(grant);
    }
    return Optional.of(
        grant.toBuilder()
            .permissions(permissions)
            .grantable(within(within(grant.grantable(), grantablePermitted), permissions))
            .build());
  }

  /** The permissions of {@code held} that {@code permitted} covers (ALL covers every one). */
  private static Set<Permission> within(Set<Permission> held, Set<Permission> permitted) {
    Set<Permission> kept = EnumSet.noneOf(Permission.class);
    held.stream().filter(p -> p.isIn(permitted)).forEach(kept::add);
    return kept;
  }
}
