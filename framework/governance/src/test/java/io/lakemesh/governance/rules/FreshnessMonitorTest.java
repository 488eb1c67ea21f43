package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.RETURNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The freshness monitor: a product past its SLA is recorded in breach once however many passes find
 * it so, and recovered once a later successful run brings it back within; each is an event, an
 * audit entry and a state that listings and {@code search --stale} show.
 */
class FreshnessMonitorTest extends RuleSuite {
  // Published and last checked on the 5th at 08:00 with a 24h SLA: due on the 6th at 08:00.
  private static final Instant CHECKED = Instant.parse("2026-12-05T08:00:00Z");
  private static final Instant PAST_DUE = Instant.parse("2026-12-06T10:00:00Z");

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aBreachIsRecordedOnceAndARunThatSucceedsAfterwardsRecoversIt(Topology topology) {
    try (MeshWorld world = open(topology)) {
      ManualClock clock = new ManualClock(CHECKED);
      GovernanceService monitor = onClock(world, clock);
      publish(world, ORDERS, "24h");
      world.governance.recordJobRun(SALES, run("orders-1", JobRun.Status.PUBLISHED, CHECKED));

      clock.set(PAST_DUE);
      MonitorPass first = monitor.checkFreshness();
      clock.advance(Duration.ofMinutes(1));
      MonitorPass second = monitor.checkFreshness();

      assertThat(first.changes())
          .containsExactly(new MonitorPass.SlaChange(ORDERS, true, "24h", CHECKED, "PT2H"));
      assertThat(first.watched()).isEqualTo(1);
      assertThat(first.inBreach()).isEqualTo(1);
      assertThat(second.changes()).isEmpty();
      assertThat(second.inBreach()).isEqualTo(1);
      List<MeshEvent> breaches = events(world, Kind.SLA_BREACHED);
      assertThat(breaches).hasSize(1);
      assertThat(breaches.get(0).data())
          .isEqualTo(
              Map.of(
                  "sla", "24h",
                  "last_checked", "2026-12-05T08:00:00Z",
                  "overdue_by", "PT2H"));
      assertThat(allowed(world, AuditAction.SLA_BREACH))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.resource()).isEqualTo("table sales:sales.orders");
                assertThat(e.after())
                    .isEqualTo(
                        "breached since 2026-12-06T10:00:00Z (last checked"
                            + " 2026-12-05T08:00:00Z, overdue by PT2H)");
              });
      assertThat(listing(monitor).freshness().breachedSince()).isEqualTo(PAST_DUE);

      Instant rerun = Instant.parse("2026-12-06T10:30:00Z");
      world.governance.recordJobRun(SALES, run("orders-2", JobRun.Status.UNCHANGED, rerun));
      clock.set(Instant.parse("2026-12-06T10:40:00Z"));
      MonitorPass third = monitor.checkFreshness();
      MonitorPass fourth = monitor.checkFreshness();

      assertThat(third.changes())
          .containsExactly(
              new MonitorPass.SlaChange(
                  ORDERS, false, "24h", Instant.parse("2026-12-06T10:30:00Z"), ""));
      assertThat(third.inBreach()).isZero();
      assertThat(fourth.changes()).isEmpty();
      assertThat(events(world, Kind.SLA_RECOVERED))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.data())
                      .isEqualTo(
                          Map.of(
                              "sla", "24h",
                              "last_checked", "2026-12-06T10:30:00Z",
                              "breached_since", "2026-12-06T10:00:00Z")));
      assertThat(allowed(world, AuditAction.SLA_RECOVERY)).hasSize(1);
      assertThat(listing(monitor).freshness().breachedSince()).isNull();
    }
  }

  @Test
  void searchStaleListsOnlyTheProductsInBreach() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      ManualClock clock = new ManualClock(CHECKED);
      GovernanceService monitor = onClock(world, clock);
      publish(world, ORDERS, "24h");
      publish(world, RETURNS, "7d");
      publish(world, INVENTORY, "");
      world.governance.recordJobRun(SALES, run("orders-1", JobRun.Status.PUBLISHED, CHECKED));
      world.governance.recordJobRun(
          SALES, run("returns-1", RETURNS, JobRun.Status.PUBLISHED, CHECKED));

      clock.set(PAST_DUE);
      SearchQuery stale = SearchQuery.all().withStale(true);
      assertThat(monitor.search(MARKETING, stale)).isEmpty();
      monitor.checkFreshness();

      assertThat(monitor.search(MARKETING, stale))
          .extracting(ProductListing::table)
          .containsExactly(ORDERS);
      assertThat(monitor.search(MARKETING, stale.withLimit(1)))
          .extracting(ProductListing::table)
          .containsExactly(ORDERS);
      assertThat(monitor.search(MARKETING, SearchQuery.all())).hasSize(3);
    }
  }

  @Test
  void aProducerWatchesItsOwnProductsAndGovernanceEveryOneItGoverns() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      ManualClock clock = new ManualClock(CHECKED);
      GovernanceService monitor = onClock(world, clock);
      publish(world, ORDERS, "24h");
      publish(world, INVENTORY, "24h");
      clock.set(PAST_DUE);

      MonitorPass own = monitor.checkFreshness(SALES);
      MonitorPass governed = monitor.checkFreshness(GOVERNANCE);

      assertThat(own.changes()).extracting(MonitorPass.SlaChange::table).containsExactly(ORDERS);
      assertThat(governed.changes())
          .extracting(MonitorPass.SlaChange::table)
          .containsExactly(INVENTORY);
      assertThat(governed.watched()).isEqualTo(2);
      assertThat(governed.inBreach()).isEqualTo(2);
      assertThat(events(world, Kind.SLA_BREACHED))
          .extracting(MeshEvent::table)
          .containsExactlyInAnyOrder(ORDERS, INVENTORY);
    }
  }

  @Test
  void aConsumerMayNotRunTheMonitorAndTheRefusalIsOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      publish(world, ORDERS, "24h");
      long before = world.lastSeq(world.mesh.auditLogFor("marketing").orElseThrow());

      GovernanceService g = service(world, world.governance);
      assertThatThrownBy(() -> g.checkFreshness(MARKETING))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not MONITOR freshness SLAs: only a governance"
                  + " administrator or a producer's administrator watches products' SLAs");
      assertThatThrownBy(() -> g.checkFreshness(Principal.of("sales", "engineer")))
          .isInstanceOf(AccessDeniedException.class);

      List<AuditEvent> refused =
          world.eventsAfter(world.mesh.auditLogFor("marketing").orElseThrow(), before).stream()
              .filter(e -> e.actor().equals(MARKETING))
              .toList();
      assertThat(refused)
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.MONITOR);
                assertThat(e.refused()).isTrue();
              });
      assertThat(events(world, Kind.SLA_BREACHED)).isEmpty();
    }
  }

  @Test
  void aProductWhoseChecksWereOnlyRecordedAsRunsReadsThemFromTheRunRecords() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      ManualClock clock = new ManualClock(PAST_DUE);
      GovernanceService monitor = onClock(world, clock);
      publish(world, ORDERS, "24h");
      // As a catalog kept it before product statuses: the run record alone.
      world.catalog.recordJobRun(
          run("orders-1", JobRun.Status.UNCHANGED, Instant.parse("2026-12-06T06:00:00Z")));

      assertThat(listing(monitor).freshness().lastChecked())
          .isEqualTo(Instant.parse("2026-12-06T06:00:00Z"));
      assertThat(monitor.checkFreshness().changes()).isEmpty();
    }
  }

  /**
   * The rules as a caller reaches them, over the clock the test moves: in process here; over HTTP
   * in the server's tests.
   */
  GovernanceService service(MeshWorld world, Governance rules) {
    return rules;
  }

  /** The rules over the world's catalog on the test's clock, as a caller reaches them. */
  private GovernanceService onClock(MeshWorld world, ManualClock clock) {
    return service(world, Governance.over(world.mesh, world.catalog, clock));
  }

  private static ProductListing listing(GovernanceService g) {
    return g.search(MARKETING, SearchQuery.all()).stream()
        .filter(l -> l.table().equals(ORDERS))
        .findFirst()
        .orElseThrow();
  }

  private static List<MeshEvent> events(MeshWorld world, Kind kind) {
    return ((SupportsEvents) world.catalog)
        .eventsAfter(0, 1000).stream().filter(e -> e.kind() == kind).toList();
  }

  private static List<AuditEvent> allowed(MeshWorld world, AuditAction action) {
    return world.events().stream().filter(e -> e.action() == action && !e.refused()).toList();
  }

  /** Publishes the table with the SLA, as published on the 5th at 08:00. */
  private static void publish(MeshWorld world, TableId table, String sla) {
    Publication p = world.publication(table, MeshWorld.ORDER_COLUMNS, Map.of());
    CatalogTable t = p.table();
    Map<String, String> parameters = new TreeMap<>(t.parameters());
    parameters.put(TableParameters.SLA_FRESHNESS, sla);
    parameters.put(TableParameters.PUBLISHED_AT, CHECKED.toString());
    world.governance.publish(
        Principal.administrator(table.catalog()),
        new Publication(
            new CatalogTable(
                t.id(),
                t.columns(),
                t.location(),
                t.format(),
                t.partitioning(),
                parameters,
                0,
                CHECKED),
            null,
            null,
            null));
  }

  /** A run of orders that ended at {@code end}, after five minutes. */
  private static JobRun run(String id, JobRun.Status status, Instant end) {
    return run(id, ORDERS, status, end);
  }

  /** A run of the table that ended at {@code end}, after five minutes. */
  private static JobRun run(String id, TableId table, JobRun.Status status, Instant end) {
    return new JobRun(
        id,
        table.database() + "." + table.table(),
        table,
        status,
        end.minus(Duration.ofMinutes(5)),
        end,
        101L,
        "",
        null);
  }
}
