package io.lakemesh.governance.rules;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Granting and revoking. Only the owning producer authorises access to its data; the governance
 * account holding its entries carries out grants the producer authorised; anyone else passes on
 * only what it holds with grant option, to principals inside its own account.
 */
final class GrantRules {
  private final Context ctx;
  private final ProducerAuthorisations authorisations;
  private final LinkBoundary linkBoundary;
  private final Cascade cascade;

  GrantRules(Context ctx, Cascade cascade) {
    this.ctx = ctx;
    this.authorisations = new ProducerAuthorisations(ctx.store(), ctx.entitlements());
    this.linkBoundary = new LinkBoundary(ctx.resolver());
    this.cascade = cascade;
  }

  /** What a grant rests on, and on whose authority it is made. */
  private record Basis(Authorisation authorisation, String actingAs) {}

  Grant grant(GrantAsked asked, Optional<Authorisation> given, Instant expires) {
    AuditTrail.Scope audit =
        ctx.trail().of(ctx.subjects().logOf(asked.resource(), asked.actor()), asked.actor());
    // Every check runs inside the decision, so that bad input is refused on record too.
    Basis basis =
        audit.decide(
            AuditAction.GRANT,
            asked.resource(),
            () -> {
              Grant.check(asked.resource(), asked.permissions(), asked.grantable());
              Expiries.requireFuture(expires, ctx.now());
              ctx.subjects().requireExists(asked.resource());
              ctx.mesh().principal(asked.grantee());
              return authorise(asked, given);
            });
    return ctx.store()
        .atomically(
            () -> {
              Optional<Grant> before =
                  ctx.store().grants().findGrant(asked.grantee(), asked.resource());
              Grant stored =
                  cascade.put(
                      asked.actor(),
                      Grant.builder(asked.grantee(), asked.resource(), asked.permissions())
                          .catalog(holderOf(asked.resource()))
                          .grantable(asked.grantable())
                          .grantor(asked.actor())
                          .authorisation(basis.authorisation())
                          .grantedAt(ctx.now())
                          .expires(expires)
                          .build());
              audit
                  .actingAs(basis.actingAs())
                  .allowed(
                      AuditAction.GRANT,
                      asked.resource(),
                      held(asked.grantee(), before),
                      held(stored));
              return stored;
            });
  }

  /** Takes permissions away; returns what the grantee still holds on the resource. */
  Optional<Grant> revoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    AuditTrail.Scope audit = ctx.trail().of(ctx.subjects().logOf(resource, actor), actor);
    Grant existing =
        audit.decide(
            AuditAction.REVOKE,
            resource,
            () -> {
              if (permissions.isEmpty()) {
                throw new InvalidRequestException("name the permissions to revoke on " + resource);
              }
              ctx.mesh().account(resource.catalog());
              return mayRevoke(actor, grantee, resource, permissions);
            });
    return ctx.store()
        .atomically(
            () -> {
              Optional<Grant> left =
                  ctx.store().grants().removeGrant(grantee, resource, permissions);
              audit.allowed(AuditAction.REVOKE, resource, held(existing), held(grantee, left));
              ctx.events().revoked(grantee, resource, permissions);
              List<Authorisation> ended = new ArrayList<>();
              ended.add(Authorisation.grant(existing.id()));
              ended.addAll(cascade.endSubscriptions(actor, audit, grantee, resource, left));
              cascade.follow(actor, ended);
              return left;
            });
  }

  /**
   * The grants a principal may list: on its producer's data and held in its governance account's
   * catalog (administrators), to its account (administrators) or to itself.
   */
  List<Grant> visibleTo(Principal actor) {
    ctx.requireKnown(actor, "LIST grants of", "account " + actor.account());
    Map<Long, Grant> visible = new TreeMap<>();
    String account = actor.account();
    ctx.store().grants().grantsToAccount(account).stream()
        .filter(g -> actor.isAdministrator() || g.grantee().equals(actor))
        .forEach(g -> visible.put(g.id(), g));
    if (actor.isAdministrator()) {
      ctx.store().grants().grantsOn(account).forEach(g -> visible.put(g.id(), g));
      ctx.store().grants().grantsHeldIn(account).forEach(g -> visible.put(g.id(), g));
    }
    return List.copyOf(visible.values());
  }

  private Basis authorise(GrantAsked asked, Optional<Authorisation> given) {
    Standing standing = ctx.standing(asked.actor(), asked.owner());
    if (standing == Standing.UNKNOWN) {
      throw Denials.unknown(asked.actor(), asked.action(), asked.resource());
    }
    linkBoundary.requireInside(asked.actor(), asked.action(), asked.resource(), asked.grantee());
    switch (standing) {
      case OWNER:
        if (asked.grantee().isAdministratorOf(asked.owner())) {
          throw new InvalidRequestException(
              asked.owner() + " owns " + asked.resource() + " already");
        }
        return new Basis(null, asked.owner());
      case GOVERNOR:
        return new Basis(producerAuthorisation(asked, given), asked.owner());
      default:
        return regrant(asked);
    }
  }

  private Authorisation producerAuthorisation(GrantAsked asked, Optional<Authorisation> given) {
    if (given.isPresent()) {
      if (!authorisations.confirms(given.get(), asked)) {
        throw denied(
            asked,
            given.get()
                + " is not an authorisation from "
                + asked.owner()
                + " that covers this grant");
      }
      return given.get();
    }
    return authorisations
        .find(asked)
        .orElseThrow(
            () ->
                denied(
                    asked,
                    "a governance account never grants on its own: no authorisation from "
                        + asked.owner()
                        + " on record (an ACTIVE access request of "
                        + asked.grantee()
                        + " covering it, or a grant from "
                        + asked.owner()
                        + " to "
                        + asked.actor()
                        + " with grant option)"));
  }

  private Basis regrant(GrantAsked asked) {
    Principal actor = asked.actor();
    Grant option =
        ctx.entitlements()
            .grantOption(actor, asked.resource(), asked.passed())
            .orElseThrow(
                () ->
                    denied(
                        asked,
                        "missing " + Permission.format(asked.passed()) + " with grant option"));
    if (!actor.isAdministrator()) {
      throw denied(
          asked,
          "only the administrator of account " + actor.account() + " passes on what it holds");
    }
    Principal grantee = asked.grantee();
    if (!grantee.account().equals(actor.account()) || grantee.isAdministrator()) {
      throw denied(
          asked,
          "an account administrator re-grants only to principals inside its own account "
              + actor.account()
              + ", and "
              + grantee
              + " is not one");
    }
    return new Basis(Authorisation.grant(option.id()), actor.account());
  }

  private Grant mayRevoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    String action = "REVOKE " + Permission.format(permissions) + " from " + grantee + " on";
    Standing standing = ctx.standing(actor, resource.catalog());
    if (standing == Standing.UNKNOWN) {
      throw Denials.unknown(actor, action, resource);
    }
    Optional<Grant> existing = ctx.store().grants().findGrant(grantee, resource);
    boolean grantor = existing.map(g -> g.grantor().equals(actor)).orElse(false);
    if (standing != Standing.OWNER && !grantor) {
      throw Denials.of(
          actor,
          action,
          resource,
          "only the owner " + resource.catalog() + " or the grantor of that grant revokes it");
    }
    Grant held =
        existing.orElseThrow(
            () ->
                new NotFoundException(
                    grantee
                        + " holds no grant on "
                        + resource
                        + ", so there is nothing to revoke"));
    Set<Permission> missing = new TreeSet<>(permissions);
    missing.removeAll(held.permissions());
    if (!missing.isEmpty()) {
      throw new NotFoundException(
          grantee
              + " was never granted "
              + Permission.format(missing)
              + " on "
              + resource
              + " (it holds "
              + Permission.format(held.permissions())
              + ")");
    }
    return held;
  }

  /** The catalog holding grants on the resource: its producer's holder, or its own catalog. */
  private String holderOf(Resource resource) {
    return ctx.mesh().isProducer(resource.catalog())
        ? ctx.mesh().holderOf(resource.catalog())
        : resource.catalog();
  }

  private static AccessDeniedException denied(GrantAsked asked, String missing) {
    return Denials.of(asked.actor(), asked.action(), asked.resource(), missing);
  }

  static String held(Grant grant) {
    return grant.toString()
        + grant.authorisationRef().map(a -> " [" + a + "]").orElse("")
        + " by "
        + grant.grantor();
  }

  static String held(Principal grantee, Optional<Grant> grant) {
    return grant.map(GrantRules::held).orElse(grantee + " none");
  }
}
