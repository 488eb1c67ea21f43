package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Subscriptions to a product's events: a principal subscribes itself to a product it may describe
 * (the same entitlement that shows it the product's columns), and the delivery of every event is
 * decided again when it is sent ({@link #audience}), so that a subscriber whose access ends hears
 * nothing from then on. Every change and every refusal is audited in the log of the product's
 * producer.
 */
final class EventSubscriptions {
  private final Context ctx;
  private final RecordRedaction redaction;

  EventSubscriptions(Context ctx, RecordRedaction redaction) {
    this.ctx = ctx;
    this.redaction = redaction;
  }

  EventSubscription subscribe(Principal actor, EventSubscription draft) {
    TableId product = draft.table();
    AuditTrail.Scope audit = scope(actor, product);
    String subject = "events of table " + product;
    audit.check(
        AuditAction.EVENTS_SUBSCRIBE,
        subject,
        () -> {
          if (!ctx.mesh().knows(actor)) {
            throw Denials.unknown(actor, "SUBSCRIBE to", subject);
          }
          if (!draft.subscriber().equals(actor)) {
            throw Denials.of(
                actor,
                "SUBSCRIBE to",
                subject,
                "a principal subscribes itself (--as the subscriber)");
          }
          store();
          if (!mayDescribe(actor, ctx.subjects().table(product))) {
            throw Denials.of(
                actor,
                "SUBSCRIBE to",
                subject,
                "missing DESCRIBE (no permission on the table); ask its producer for access first:"
                    + " bin/lakemesh request-access --as "
                    + actor
                    + " --table "
                    + product.qualifiedName()
                    + " --perm DESCRIBE");
          }
        });
    // From now on: a new subscriber is told what happens next, not the product's history.
    long from = ctx.store().events() == null ? 0 : ctx.store().events().lastEventSeq();
    return ctx.store()
        .atomically(
            () -> {
              EventSubscription stored = store().addSubscription(draft.withCursor(from));
              audit.allowed(AuditAction.EVENTS_SUBSCRIBE, subject, "", describe(stored));
              return stored;
            });
  }

  /** The subscriptions the actor made, and those of its account to its administrator. */
  List<EventSubscription> list(Principal actor) {
    ctx.requireKnown(actor, "LIST", "event subscriptions of " + actor);
    if (ctx.store().events() == null || !(ctx.store().catalog() instanceof SupportsEventDelivery)) {
      return List.of();
    }
    return store().listSubscriptions().stream().filter(s -> manages(actor, s)).toList();
  }

  void unsubscribe(Principal actor, long id) {
    EventSubscription s = own(actor, id, AuditAction.EVENTS_UNSUBSCRIBE);
    AuditTrail.Scope audit = scope(actor, s.table());
    ctx.store()
        .atomically(
            () -> {
              store().removeSubscription(id);
              audit.allowed(
                  AuditAction.EVENTS_UNSUBSCRIBE, "events of table " + s.table(), describe(s), "");
              return null;
            });
  }

  /** The dead letters of the subscriptions the actor manages, oldest event first. */
  List<EventDelivery> deadLetters(Principal actor) {
    List<EventDelivery> dead = new ArrayList<>();
    for (EventSubscription s : list(actor)) {
      dead.addAll(store().deliveries(s.id(), Set.of(EventDelivery.State.DEAD)));
    }
    return dead;
  }

  /** Puts the subscription's dead letters back to be sent on the next pass; returns them. */
  List<EventDelivery> retry(Principal actor, long id) {
    EventSubscription s = own(actor, id, AuditAction.EVENTS_RETRY);
    AuditTrail.Scope audit = scope(actor, s.table());
    return ctx.store()
        .atomically(
            () -> {
              List<EventDelivery> retried = new ArrayList<>();
              for (EventDelivery d : store().deliveries(id, Set.of(EventDelivery.State.DEAD))) {
                EventDelivery again = d.retried(ctx.now());
                store().saveDelivery(again);
                retried.add(again);
              }
              audit.allowed(
                  AuditAction.EVENTS_RETRY,
                  "events of table " + s.table(),
                  "",
                  "subscription " + id + ": " + retried.size() + " dead letters to send again");
              return retried;
            });
  }

  /**
   * The event as the subscription's principal may receive it now, or empty when it may not: the
   * product must still be one it may describe, and an access event goes only to the account it
   * concerns and to the product's producer (and governance). Column names it may not see are
   * hidden, as everywhere else.
   */
  Optional<MeshEvent> audience(EventSubscription s, MeshEvent event) {
    Principal who = s.subscriber();
    if (!ctx.mesh().knows(who) || event.table() == null) {
      return Optional.empty();
    }
    Optional<CatalogTable> table = ctx.store().catalog().findTable(event.table());
    if (table.isEmpty() || !mayDescribe(who, table.get())) {
      return Optional.empty();
    }
    if (event.kind().isAccess()
        && !who.account().equals(event.account())
        && !redaction.ownerOrGovernor(who, event.table().catalog())) {
      return Optional.empty();
    }
    return Optional.of(redaction.event(who, table.get(), event));
  }

  private boolean mayDescribe(Principal who, CatalogTable table) {
    return !ctx.entitlements().describable(who, table).isEmpty();
  }

  /** The subscription, when the actor manages it; refused (and audited) otherwise. */
  private EventSubscription own(Principal actor, long id, AuditAction action) {
    String subject = "event subscription " + id;
    return ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .decide(
            action,
            subject,
            () -> {
              if (!ctx.mesh().knows(actor)) {
                throw Denials.unknown(actor, action.label(), subject);
              }
              EventSubscription s =
                  store()
                      .findSubscription(id)
                      .orElseThrow(
                          () ->
                              new NotFoundException(
                                  "no event subscription "
                                      + id
                                      + "; list yours with: bin/lakemesh subscriptions --as "
                                      + actor));
              if (!manages(actor, s)) {
                throw new AccessDeniedException(
                    "access denied: "
                        + actor
                        + " may not change "
                        + subject
                        + ": it is "
                        + s.subscriber()
                        + "'s (the subscriber or its account's administrator changes it)");
              }
              return s;
            });
  }

  private static boolean manages(Principal actor, EventSubscription s) {
    return s.subscriber().equals(actor) || actor.isAdministratorOf(s.subscriber().account());
  }

  private AuditTrail.Scope scope(Principal actor, TableId product) {
    return ctx.trail().of(ctx.subjects().logOf(Resource.table(product), actor), actor);
  }

  private SupportsEventDelivery store() {
    if (ctx.store().events() == null
        || !(ctx.store().catalog() instanceof SupportsEventDelivery delivery)) {
      throw new InvalidRequestException(
          "event subscriptions are not available on the catalog backend "
              + ctx.store().catalog().getClass().getSimpleName());
    }
    return delivery;
  }

  private static String describe(EventSubscription s) {
    return "subscription "
        + s.id()
        + " of "
        + s.subscriber()
        + ": "
        + s.kindLabels()
        + " to "
        + s.endpoint();
  }
}
