package io.lakemesh.governance.rules;

import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import java.util.Optional;

/**
 * The producer's authorisation on record that lets a governance account carry out a grant: an
 * ACTIVE access request of the grantee that covers it, or a grant from the producer to the
 * governance account with grant option on it.
 */
final class ProducerAuthorisations {
  private final GovernanceStore store;
  private final Entitlements entitlements;

  ProducerAuthorisations(GovernanceStore store, Entitlements entitlements) {
    this.store = store;
    this.entitlements = entitlements;
  }

  /** What is on record for this grant by the governance account, if anything. */
  Optional<Authorisation> find(GrantAsked asked) {
    if (asked.grantable().isEmpty()) {
      Optional<Authorisation> request =
          store.requests().requestsFor(asked.owner()).stream()
              .filter(r -> covers(r, asked))
              .map(r -> Authorisation.request(r.id()))
              .findFirst();
      if (request.isPresent()) {
        return request;
      }
    }
    return entitlements
        .grantOption(asked.actor(), asked.resource(), asked.passed())
        .filter(g -> g.grantor().isAdministratorOf(asked.owner()))
        .map(g -> Authorisation.grant(g.id()));
  }

  /** True when the given reference is on record and covers this grant. */
  boolean confirms(Authorisation authorisation, GrantAsked asked) {
    if (authorisation.kind() == Authorisation.Kind.REQUEST) {
      return asked.grantable().isEmpty()
          && store
              .requests()
              .findRequest(authorisation.id())
              .filter(r -> r.owner().equals(asked.owner()) && covers(r, asked))
              .isPresent();
    }
    Optional<Grant> delegation =
        store.grants().findGrant(authorisation.id()).flatMap(entitlements::inForce);
    return delegation
        .filter(g -> g.grantee().equals(asked.actor()))
        .filter(g -> g.grantor().isAdministratorOf(asked.owner()))
        .filter(g -> g.resource().covers(asked.resource()) && g.mayGrant(asked.passed()))
        .isPresent();
  }

  private static boolean covers(AccessRequest request, GrantAsked asked) {
    return AuthorityChain.reaches(request, asked.grantee(), asked.resource())
        && Permission.covers(request.grantedPermissions(), asked.permissions());
  }
}
