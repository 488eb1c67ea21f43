package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The storage contract of mesh events, their subscriptions and deliveries, and product status
 * ({@link SupportsEvents}, {@link SupportsEventDelivery}, {@link SupportsProductStatus}). Part of
 * {@link GovernanceStorageTests}.
 */
abstract class EventStorageTests extends SharingStorageTests {
  // ---- mesh events

  @Test
  void eventsAreNumberedInAppendOrderAndReadBackExactly() {
    MeshEvent published =
        events()
            .appendEvent(
                MeshEvent.of(
                    MeshEvent.Kind.PUBLISHED,
                    ORDERS,
                    T0,
                    Map.of("snapshot", "8817", "quality", "PASSED 11/11", "note", "注文 'q' \"d\"")));
    MeshEvent approved =
        events()
            .appendEvent(
                MeshEvent.access(
                    MeshEvent.Kind.ACCESS_APPROVED, ORDERS, "marketing", T0.plusSeconds(1), null));
    MeshEvent onDatabase =
        events()
            .appendEvent(
                MeshEvent.access(
                    MeshEvent.Kind.ACCESS_REQUESTED,
                    null,
                    "marketing",
                    T0.plusSeconds(2),
                    Map.of("resource", "database sales:sales")));

    assertThat(published.seq()).isPositive();
    assertThat(approved.seq()).isGreaterThan(published.seq());
    assertThat(onDatabase.seq()).isGreaterThan(approved.seq());
    assertThat(events().eventsAfter(0, 10)).containsExactly(published, approved, onDatabase);
    assertThat(events().eventsAfter(published.seq(), 10)).containsExactly(approved, onDatabase);
    assertThat(events().eventsAfter(published.seq(), 1)).containsExactly(approved);
    assertThat(events().eventsAfter(onDatabase.seq(), 10)).isEmpty();
    assertThat(published.data())
        .containsEntry("note", "注文 'q' \"d\"")
        .containsEntry("snapshot", "8817");
  }

  @Test
  void anEventAppendedAgainWithItsIdIsStoredOnce() {
    MeshEvent draft = MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, T0, Map.of("run", "r-1"));
    MeshEvent first = events().appendEvent(draft);
    MeshEvent again = events().appendEvent(draft);

    assertThat(again).isEqualTo(first);
    assertThat(events().eventsAfter(0, 10)).containsExactly(first);
  }

  @Test
  void aTablesEventsAreNewestFirstAndFilteredByKind() {
    MeshEvent p1 =
        events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, Map.of()));
    events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, RETURNS, T0, Map.of()));
    MeshEvent breach =
        events()
            .appendEvent(
                MeshEvent.of(MeshEvent.Kind.SLA_BREACHED, ORDERS, T0.plusSeconds(60), Map.of()));
    MeshEvent p2 =
        events()
            .appendEvent(
                MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0.plusSeconds(120), Map.of()));

    assertThat(events().tableEvents(ORDERS, Set.of(), 10)).containsExactly(p2, breach, p1);
    assertThat(events().tableEvents(ORDERS, Set.of(), 2)).containsExactly(p2, breach);
    assertThat(events().tableEvents(ORDERS, Set.of(MeshEvent.Kind.PUBLISHED), 10))
        .containsExactly(p2, p1);
    assertThat(events().tableEvents(STOCK, Set.of(), 10)).isEmpty();
  }

  @Test
  void concurrentAppendsAreNumberedOnceEachInTheOrderTheyAreRead() throws Exception {
    int writers = 4;
    int each = 10;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      tasks.add(
          () -> {
            for (int i = 0; i < each; i++) {
              String run = writer + "-" + i;
              ConcurrentRuns.retryingConflicts(
                  () ->
                      events()
                          .appendEvent(
                              MeshEvent.of(
                                  MeshEvent.Kind.REJECTED, ORDERS, T0, Map.of("run", run))));
            }
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    List<MeshEvent> all = events().eventsAfter(0, 1000);
    assertThat(all).hasSize(writers * each);
    assertThat(all).extracting(e -> e.data().get("run")).doesNotHaveDuplicates();
    assertThat(all).extracting(MeshEvent::seq).isSorted().doesNotHaveDuplicates();
  }

  @Test
  void anEventAppendedInAFailedTransactionIsNotStored() {
    assumeTrue(catalog() instanceof SupportsTransactions, "backend has no transactions");
    SupportsTransactions tx = (SupportsTransactions) catalog();
    assertThatThrownBy(
            () ->
                tx.inTransaction(
                    () -> {
                      events()
                          .appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, null));
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(events().eventsAfter(0, 10)).isEmpty();
  }

  // ---- event subscriptions and deliveries

  @Test
  void aSubscriptionGetsANumberAndReadsBackWithItsSecret() {
    EventSubscription stored = deliveries().addSubscription(subscription(7));
    EventSubscription other = deliveries().addSubscription(subscription(0));

    assertThat(stored.id()).isPositive();
    assertThat(other.id()).isGreaterThan(stored.id());
    assertThat(deliveries().findSubscription(stored.id())).contains(stored);
    assertThat(stored.secret()).isEqualTo("key-1");
    assertThat(stored.cursor()).isEqualTo(7);
    assertThat(stored.kinds())
        .containsExactlyInAnyOrder(MeshEvent.Kind.PUBLISHED, MeshEvent.Kind.ACCESS_EXPIRED);
    assertThat(deliveries().listSubscriptions()).containsExactly(stored, other);
    assertThat(deliveries().findSubscription(stored.id() + 100)).isEmpty();
  }

  @Test
  void aCursorOnlyMovesForward() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    deliveries().advanceCursor(s.id(), 12);
    deliveries().advanceCursor(s.id(), 5);

    assertThat(deliveries().findSubscription(s.id()).orElseThrow().cursor()).isEqualTo(12);
  }

  @Test
  void aDeliveryIsReplacedByItsNextStateAndReadByState() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    EventDelivery pending =
        new EventDelivery(s.id(), 3, "e-3", EventDelivery.State.PENDING, List.of(), T0, "");
    EventDelivery dead =
        new EventDelivery(
            s.id(),
            2,
            "e-2",
            EventDelivery.State.DEAD,
            List.of(T0, T0.plusSeconds(30)),
            null,
            "the webhook answered HTTP 500");
    deliveries().saveDelivery(pending);
    deliveries().saveDelivery(dead);
    EventDelivery delivered =
        pending.attempted(T0.plusSeconds(1), EventDelivery.State.DELIVERED, null, "");
    deliveries().saveDelivery(delivered);

    assertThat(deliveries().deliveries(s.id(), Set.of())).containsExactly(dead, delivered);
    assertThat(deliveries().deliveries(s.id(), Set.of(EventDelivery.State.DEAD)))
        .containsExactly(dead);
    assertThat(deliveries().deliveries(s.id(), Set.of(EventDelivery.State.PENDING))).isEmpty();
  }

  @Test
  void removingASubscriptionRemovesItsDeliveries() {
    EventSubscription s = deliveries().addSubscription(subscription(0));
    deliveries()
        .saveDelivery(
            new EventDelivery(s.id(), 1, "e-1", EventDelivery.State.PENDING, List.of(), T0, ""));

    assertThat(deliveries().removeSubscription(s.id())).isTrue();
    assertThat(deliveries().removeSubscription(s.id())).isFalse();
    assertThat(deliveries().listSubscriptions()).isEmpty();
    assertThat(deliveries().deliveries(s.id(), Set.of())).isEmpty();
  }

  @Test
  void theLastEventNumberIsZeroOnAnEmptyStreamAndThenTheLastAppended() {
    assumeTrue(catalog() instanceof SupportsEvents, "backend keeps no events");
    assertThat(events().lastEventSeq()).isZero();
    events().appendEvent(MeshEvent.of(MeshEvent.Kind.PUBLISHED, ORDERS, T0, null));
    MeshEvent last = events().appendEvent(MeshEvent.of(MeshEvent.Kind.REJECTED, ORDERS, T0, null));

    assertThat(events().lastEventSeq()).isEqualTo(last.seq());
  }

  // ---- product status

  @Test
  void aChecksStampIsKeptUnlessALaterOneIsThere() {
    ProductStatus first = status().recordCheck(ORDERS, T0.plusSeconds(60), "run-2");
    ProductStatus older = status().recordCheck(ORDERS, T0, "run-1");

    ProductStatus expected =
        new ProductStatus(ORDERS, T0.plusSeconds(60), "run-2", ProductStatus.Sla.WITHIN, null);
    assertThat(first).isEqualTo(expected);
    assertThat(older).isEqualTo(expected);
    assertThat(status().recordCheck(ORDERS, T0.plusSeconds(120), "run-3").lastRun())
        .isEqualTo("run-3");
    assertThat(status().productStatuses(List.of(ORDERS, RETURNS)))
        .containsOnlyKeys(ORDERS)
        .containsEntry(
            ORDERS,
            new ProductStatus(
                ORDERS, T0.plusSeconds(120), "run-3", ProductStatus.Sla.WITHIN, null));
  }

  @Test
  void theSlaStateMovesOnlyFromTheStateNamed() {
    assertThat(status().moveSla(ORDERS, ProductStatus.Sla.BREACHED, ProductStatus.Sla.WITHIN, T0))
        .isFalse();
    assertThat(status().productStatuses(List.of(ORDERS))).isEmpty();

    assertThat(status().moveSla(ORDERS, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, T0))
        .isTrue();
    assertThat(
            status()
                .moveSla(
                    ORDERS,
                    ProductStatus.Sla.WITHIN,
                    ProductStatus.Sla.BREACHED,
                    T0.plusSeconds(5)))
        .isFalse();
    status().recordCheck(ORDERS, T0.plusSeconds(10), "run-9");

    assertThat(status().productStatuses(List.of(ORDERS)).get(ORDERS))
        .isEqualTo(
            new ProductStatus(ORDERS, T0.plusSeconds(10), "run-9", ProductStatus.Sla.BREACHED, T0));
    assertThat(
            status()
                .moveSla(
                    ORDERS,
                    ProductStatus.Sla.BREACHED,
                    ProductStatus.Sla.WITHIN,
                    T0.plusSeconds(20)))
        .isTrue();
    assertThat(status().productStatuses(List.of(ORDERS)).get(ORDERS))
        .isEqualTo(
            new ProductStatus(
                ORDERS, T0.plusSeconds(10), "run-9", ProductStatus.Sla.WITHIN, T0.plusSeconds(20)));
  }

  @Test
  void concurrentMonitorsRecordABreachOnce() throws Exception {
    AtomicInteger moved = new AtomicInteger();
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tasks.add(
          () -> {
            ConcurrentRuns.retryingConflicts(
                () -> {
                  if (status()
                      .moveSla(STOCK, ProductStatus.Sla.WITHIN, ProductStatus.Sla.BREACHED, T0)) {
                    moved.incrementAndGet();
                  }
                });
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    assertThat(moved).hasValue(1);
    assertThat(status().productStatuses(List.of(STOCK)).get(STOCK).sla())
        .isEqualTo(ProductStatus.Sla.BREACHED);
  }
}
