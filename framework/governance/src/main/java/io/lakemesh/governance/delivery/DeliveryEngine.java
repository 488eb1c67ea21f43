package io.lakemesh.governance.delivery;

import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventDelivery.State;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.SupportsEventBus;
import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.SupportsTransactions;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.rules.Governance;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Drains the catalog's event stream (the outbox) to the subscriptions, one pass per {@link #drain}
 * call: first each subscription's retries that are due, then the events after its cursor that it
 * asked for. Whether the subscriber may receive an event is decided when it is sent ({@link
 * Governance#eventFor}); one it may not is recorded as skipped and never sent.
 *
 * <p>At least once: an event is sent before its outcome is stored, so a pass that stops in between
 * sends it again on the next one, under the same delivery id. A failure puts the delivery back with
 * a later due time ({@link DeliveryPolicy}); once one send to an endpoint has failed in a pass, its
 * other events wait for the next pass instead of each timing out in turn. Job runs never wait for
 * any of this: they only append to the stream.
 */
public final class DeliveryEngine {
  private final Governance governance;
  private final SupportsEvents events;
  private final SupportsEventDelivery store;
  private final Map<EventSubscription.Endpoint.Type, EventSender> senders;
  private final DeliveryPolicy policy;
  private final Clock clock;

  private DeliveryEngine(
      Governance governance,
      SupportsEvents events,
      SupportsEventDelivery store,
      Map<EventSubscription.Endpoint.Type, EventSender> senders,
      DeliveryPolicy policy,
      Clock clock) {
    this.governance = governance;
    this.events = events;
    this.store = store;
    this.senders = senders;
    this.policy = policy;
    this.clock = clock;
  }

  /**
   * An engine over the governance rules' catalog, which must keep events and subscriptions.
   *
   * @param senders one per kind of endpoint it can reach, besides the event bus of a catalog that
   *     has one ({@link SupportsEventBus}); an event for another kind fails (and is retried, then
   *     dead-lettered) saying which sender is missing
   */
  public static DeliveryEngine over(
      Governance governance, List<EventSender> senders, DeliveryPolicy policy, Clock clock) {
    GovernanceCatalog catalog = governance.catalog();
    if (!(catalog instanceof SupportsEvents events)
        || !(catalog instanceof SupportsEventDelivery store)) {
      throw new InvalidConfigException(
          "catalog.type",
          "catalog backend "
              + catalog.getClass().getSimpleName()
              + " keeps no event subscriptions, so there is nothing to deliver");
    }
    Map<EventSubscription.Endpoint.Type, EventSender> byType =
        new EnumMap<>(EventSubscription.Endpoint.Type.class);
    if (catalog instanceof SupportsEventBus bus) {
      byType.put(EventSubscription.Endpoint.Type.EVENTBRIDGE, new EventBusSender(bus));
    }
    senders.forEach(s -> byType.put(s.type(), s));
    return new DeliveryEngine(governance, events, store, byType, policy, clock);
  }

  /** One pass over every subscription. */
  public synchronized DeliveryReport drain() {
    Tally tally = new Tally();
    for (EventSubscription s : store.listSubscriptions()) {
      new Pass(s, tally).run();
    }
    return new DeliveryReport(tally.delivered, tally.failed, tally.dead, tally.skipped);
  }

  private static final class Tally {
    int delivered;
    int failed;
    int dead;
    int skipped;
  }

  /** One subscription's share of a pass. */
  private final class Pass {
    private final EventSubscription subscription;
    private final Tally tally;
    // Set once a send has failed: the endpoint's other events wait for the next pass.
    private boolean endpointDown;

    Pass(EventSubscription subscription, Tally tally) {
      this.subscription = subscription;
      this.tally = tally;
    }

    void run() {
      Instant now = clock.instant();
      for (EventDelivery due : store.deliveries(subscription.id(), Set.of(State.PENDING))) {
        if (!due.nextAttempt().isAfter(now) && !endpointDown) {
          event(due.seq()).ifPresent(e -> attempt(due, e, subscription.cursor()));
        }
      }
      long cursor = subscription.cursor();
      List<MeshEvent> page;
      do {
        page = events.eventsAfter(cursor, policy.batch());
        for (MeshEvent e : page) {
          cursor = e.seq();
          if (subscription.asksFor(e)) {
            attempt(EventDelivery.pending(subscription.id(), e, clock.instant()), e, cursor);
          }
        }
        long seen = cursor;
        store.advanceCursor(subscription.id(), seen);
      } while (page.size() == policy.batch());
    }

    /** Sends the delivery unless it must wait or be skipped, and stores where it stands. */
    private void attempt(EventDelivery delivery, MeshEvent event, long cursor) {
      Optional<MeshEvent> shown = governance.eventFor(subscription, event);
      if (shown.isEmpty()) {
        tally.skipped++;
        save(
            EventDelivery.skipped(
                subscription.id(),
                event,
                "not sent: " + subscription.subscriber() + " may not receive it now"),
            cursor);
        return;
      }
      if (endpointDown) {
        save(delivery, cursor);
        return;
      }
      Instant now = clock.instant();
      try {
        sender().send(subscription, shown.get(), delivery.deliveryId(), now);
        tally.delivered++;
        save(delivery.attempted(now, State.DELIVERED, null, ""), cursor);
      } catch (EventSender.DeliveryFailure | IllegalStateException e) {
        endpointDown = true;
        int failed = delivery.attempts().size() + 1;
        if (failed >= policy.maxAttempts()) {
          tally.dead++;
          save(delivery.attempted(now, State.DEAD, null, e.getMessage()), cursor);
        } else {
          tally.failed++;
          save(
              delivery.attempted(
                  now, State.PENDING, policy.nextAttempt(failed, now), e.getMessage()),
              cursor);
        }
      }
    }

    private EventSender sender() {
      EventSender sender = senders.get(subscription.endpoint().type());
      if (sender == null) {
        throw new IllegalStateException(
            "no "
                + subscription.endpoint().type().label()
                + " sender here; deliver from where the catalog backend can reach it"
                + " (EventBridge: the aws backend)");
      }
      return sender;
    }

    /** Stores the delivery and moves the cursor past its event, together. */
    private void save(EventDelivery delivery, long cursor) {
      atomically(
          () -> {
            store.saveDelivery(delivery);
            store.advanceCursor(subscription.id(), cursor);
            return null;
          });
    }
  }

  private Optional<MeshEvent> event(long seq) {
    return events.eventsAfter(seq - 1, 1).stream().filter(e -> e.seq() == seq).findFirst();
  }

  private <T> T atomically(Supplier<T> work) {
    return governance.catalog() instanceof SupportsTransactions tx
        ? tx.inTransaction(work)
        : work.get();
  }
}
