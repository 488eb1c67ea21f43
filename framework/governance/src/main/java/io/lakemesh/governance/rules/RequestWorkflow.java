package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessRequest.State;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Access requests: consumers ask, the owning producer approves (as asked or with less) or denies
 * with a reason, and may later revoke. Approval grants in the catalog that holds the product and
 * gives the consumer its default link.
 */
final class RequestWorkflow {
  private final Context ctx;
  private final LinkRules links;
  private final LinkBoundary linkBoundary;
  private final RequestApproval approvals;
  private final Cascade cascade;

  RequestWorkflow(Context ctx, LinkRules links, Cascade cascade) {
    this.ctx = ctx;
    this.links = links;
    this.linkBoundary = new LinkBoundary(ctx.resolver());
    this.approvals = new RequestApproval(ctx, linkBoundary);
    this.cascade = cascade;
  }

  AccessRequest request(
      Principal requester, Resource resource, Set<Permission> permissions, String justification) {
    AuditTrail.Scope audit = ctx.trail().of(ctx.subjects().logOf(resource, requester), requester);
    // Every check runs inside the decision, so that bad input is refused on record too.
    AccessRequest asked =
        audit.decide(
            AuditAction.REQUEST,
            resource,
            () ->
                AccessRequest.pending(requester, resource, permissions, justification, ctx.now()));
    Optional<AccessRequest> revoked =
        audit.decide(
            AuditAction.REQUEST,
            resource,
            () -> {
              ctx.subjects().requireExists(resource);
              return mayRequest(requester, producerOf(resource), asked);
            });
    return ctx.store()
        .atomically(
            () -> {
              AccessRequest stored =
                  revoked.isPresent()
                      ? ctx.store()
                          .requests()
                          .updateRequest(
                              revoked
                                  .get()
                                  .reopened(
                                      resource,
                                      asked.permissions(),
                                      asked.justification(),
                                      ctx.now()),
                              State.REVOKED)
                      : ctx.store().requests().createRequest(asked);
              audit.allowed(
                  AuditAction.REQUEST,
                  resource,
                  revoked.map(RequestWorkflow::summary).orElse(""),
                  summary(stored));
              ctx.events().requestMoved(stored);
              return stored;
            });
  }

  /**
   * Approves a request, optionally with fewer permissions or columns.
   *
   * @param permissions the permissions approved; null for those asked
   * @param columns the columns approved; null for those asked
   */
  AccessRequest approve(
      Principal actor,
      long id,
      Set<Permission> permissions,
      List<String> columns,
      Instant expires) {
    return approve(
        actor,
        id,
        request -> approvals.approve(actor, request, permissions, columns, null, expires));
  }

  /** Approves a request for a table with SELECT through one of its data filters instead. */
  AccessRequest approveWithFilter(Principal actor, long id, String filterName) {
    return approve(
        actor,
        id,
        request ->
            approvals.approve(actor, request, Set.of(Permission.SELECT), null, filterName, null));
  }

  private AccessRequest approve(
      Principal actor, long id, Function<AccessRequest, AccessRequest> approval) {
    return decide(
        actor,
        id,
        AuditAction.APPROVE,
        false,
        approval,
        (approved, audit) -> {
          Optional<Grant> before =
              ctx.store().grants().findGrant(approved.requester(), approved.granted());
          Grant grant =
              cascade.put(
                  actor,
                  Grant.builder(
                          approved.requester(), approved.granted(), approved.grantedPermissions())
                      .catalog(ctx.mesh().holderOf(approved.owner()))
                      .grantor(actor)
                      .authorisation(Authorisation.request(id))
                      .grantedAt(ctx.now())
                      .expires(approved.expires())
                      .build());
          Optional<ResourceLink> link =
              links.ensureDefault(actor, approved.requester().account(), approved.scope());
          return () -> {
            audit.allowed(
                AuditAction.GRANT,
                approved.granted(),
                before.map(GrantRules::held).orElse(""),
                GrantRules.held(grant));
            link.ifPresent(l -> links.recordCreated(audit, l));
          };
        });
  }

  AccessRequest deny(Principal actor, long id, String reason) {
    return decide(
        actor,
        id,
        AuditAction.DENY,
        false,
        request -> request.denied(actor, reason, ctx.now()),
        (denied, audit) -> () -> {});
  }

  /**
   * Ends an ACTIVE subscription: its permissions are revoked, its link stays (and refuses). The
   * owning producer may end any subscription to its data, and the requester its own: a consumer
   * that no longer needs the data need not ask the producer to take it away.
   */
  AccessRequest revoke(Principal actor, long id) {
    return decide(
        actor,
        id,
        AuditAction.REVOKE_SUBSCRIPTION,
        true,
        request -> request.revoked(actor, ctx.now()),
        (revoked, audit) -> {
          Optional<Grant> held =
              ctx.store().grants().findGrant(revoked.requester(), revoked.granted());
          Optional<Grant> left =
              ctx.store()
                  .grants()
                  .removeGrant(
                      revoked.requester(), revoked.granted(), revoked.grantedPermissions());
          return () -> {
            audit.allowed(
                AuditAction.REVOKE,
                revoked.granted(),
                revoked.requester() + " " + Permission.format(revoked.grantedPermissions()),
                GrantRules.held(revoked.requester(), left));
            List<Authorisation> ended = new ArrayList<>();
            ended.add(Authorisation.request(id));
            held.ifPresent(h -> ended.add(Authorisation.grant(h.id())));
            cascade.follow(actor, ended);
          };
        });
  }

  /**
   * A decision of the owning producer on a stored request: checked (a refusal is audited), then
   * carried out as one unit. The effects come first and the new state last, so that a retry after a
   * failure part-way converges on backends without transactions.
   *
   * @param requesterMay whether the requester may make this move on its own request too
   * @param move the request in its new state, or a refusal
   * @param effects what the new state carries out; returns how to record it
   */
  private AccessRequest decide(
      Principal actor,
      long id,
      AuditAction action,
      boolean requesterMay,
      Function<AccessRequest, AccessRequest> move,
      BiFunction<AccessRequest, AuditTrail.Scope, Runnable> effects) {
    AccessRequest request = find(actor, action, id);
    boolean byRequester = requesterMay && actor.equals(request.requester());
    AuditTrail.Scope scope = ctx.trail().of(ctx.mesh().auditLogOf(request.owner()), actor);
    // The requester acts on its own account's behalf; anyone else only on the owner's.
    AuditTrail.Scope audit = byRequester ? scope : scope.actingAs(request.owner());
    AccessRequest next =
        audit.decide(
            action,
            request.resource(),
            () -> {
              requireDecider(
                  actor,
                  action.name().replace('_', ' ') + " request " + id + " on",
                  request,
                  requesterMay);
              return move.apply(request);
            });
    return ctx.store()
        .atomically(
            () -> {
              Runnable record = effects.apply(next, audit);
              AccessRequest stored = ctx.store().requests().updateRequest(next, request.state());
              audit.allowed(action, request.resource(), summary(request), summary(stored));
              record.run();
              ctx.events().requestMoved(stored);
              return stored;
            });
  }

  /**
   * The requests a principal may see: those on its account's data (producer administrator), on the
   * entries its governance account holds, and its account's own (administrator) or its own.
   */
  List<AccessRequest> visibleTo(Principal actor) {
    ctx.requireKnown(actor, "LIST requests of", "account " + actor.account());
    Map<Long, AccessRequest> visible = new TreeMap<>();
    String account = actor.account();
    ctx.store().requests().requestsBy(account).stream()
        .filter(r -> actor.isAdministrator() || r.requester().equals(actor))
        .forEach(r -> visible.put(r.id(), r));
    if (actor.isAdministrator()) {
      if (ctx.mesh().isProducer(account)) {
        ctx.store().requests().requestsFor(account).forEach(r -> visible.put(r.id(), r));
      }
      for (var producer : ctx.mesh().producers()) {
        if (ctx.mesh().governs(account, producer.id())) {
          ctx.store().requests().requestsFor(producer.id()).forEach(r -> visible.put(r.id(), r));
        }
      }
    }
    return List.copyOf(visible.values());
  }

  /** The requests the principal made itself, oldest first. */
  List<AccessRequest> madeBy(Principal actor) {
    return visibleTo(actor).stream().filter(r -> r.requester().equals(actor)).toList();
  }

  /** The requests the principal decides on: those for its own account's data, oldest first. */
  List<AccessRequest> toDecide(Principal actor) {
    return visibleTo(actor).stream()
        .filter(r -> ctx.standing(actor, r.owner()) == Standing.OWNER)
        .toList();
  }

  /** Subscriptions that should have a link: the ACTIVE requests on the table or its database. */
  List<AccessRequest> activeOn(TableId table) {
    return ctx.store().requests().requestsFor(table.catalog()).stream()
        .filter(r -> r.state() == State.ACTIVE)
        .filter(
            r ->
                r.scope().equals(Resource.table(table))
                    || r.scope().equals(Resource.database(table.databaseId())))
        .toList();
  }

  private Optional<AccessRequest> mayRequest(
      Principal requester, String producer, AccessRequest asked) {
    if (!ctx.mesh().knows(requester)) {
      throw Denials.unknown(requester, "REQUEST access to", asked.resource());
    }
    if (requester.account().equals(producer)) {
      throw new InvalidRequestException(
          requester + " is in account " + producer + ", which owns " + asked.resource());
    }
    linkBoundary.requireInside(requester, "REQUEST access to", asked.resource(), requester);
    List<AccessRequest> same =
        ctx.store().requests().requestsBy(requester.account()).stream()
            .filter(r -> r.requester().equals(requester) && r.scope().equals(asked.scope()))
            .toList();
    for (AccessRequest r : same) {
      if (EnumSet.of(State.ACTIVE, State.PENDING).contains(r.state())) {
        throw new AlreadyExistsException(
            requester
                + " already has "
                + (r.state() == State.ACTIVE
                    ? "an ACTIVE subscription to "
                    : "a PENDING request for ")
                + asked.scope()
                + " (request "
                + r.id()
                + ")");
      }
    }
    return same.stream().filter(r -> r.state() == State.REVOKED).reduce((a, b) -> b);
  }

  private void requireDecider(
      Principal actor, String action, AccessRequest request, boolean requesterMay) {
    Standing standing = ctx.standing(actor, request.owner());
    if (standing == Standing.UNKNOWN) {
      throw Denials.unknown(actor, action, request.resource());
    }
    if (standing == Standing.OWNER || (requesterMay && actor.equals(request.requester()))) {
      return;
    }
    throw Denials.of(
        actor,
        action,
        request.resource(),
        requesterMay
            ? "only the owning producer "
                + request.owner()
                + " or the requester "
                + request.requester()
                + " ends a subscription"
            : "only the owning producer " + request.owner() + " decides on requests for its data");
  }

  private String producerOf(Resource resource) {
    String owner = resource.catalog();
    if (!ctx.mesh().isProducer(owner)) {
      throw new InvalidRequestException(
          "access is requested on products; account " + owner + " is not a producer");
    }
    return owner;
  }

  /** The stored request; a missing one is refused on record, in the actor's log. */
  private AccessRequest find(Principal actor, AuditAction action, long id) {
    return ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .decide(
            action,
            "request " + id,
            () ->
                ctx.store()
                    .requests()
                    .findRequest(id)
                    .orElseThrow(() -> new NotFoundException("no access request " + id)));
  }

  private static String summary(AccessRequest r) {
    String text =
        "request "
            + r.id()
            + " "
            + r.state()
            + ": "
            + r.requester()
            + " "
            + Permission.format(r.permissions())
            + " on "
            + r.resource();
    if (r.state() == State.ACTIVE) {
      text += "; granted " + Permission.format(r.grantedPermissions()) + " on " + r.granted();
    }
    if (!r.justification().isEmpty()) {
      text += "; justification: " + r.justification();
    }
    return r.reason().isEmpty() ? text : text + "; reason: " + r.reason();
  }
}
