package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Freshness.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Freshness against the SLA, as the catalog computes it for every reader of a product listing:
 * measured from the last successful check (a PUBLISHED or UNCHANGED run), not the last publish.
 */
class FreshnessTest extends RuleSuite {
  private static final Instant NOW = Instant.parse("2026-12-06T09:00:00Z");
  private static final Instant THREE_DAYS_AGO = Instant.parse("2026-12-03T06:00:00Z");
  private static final Instant THIS_MORNING = Instant.parse("2026-12-06T06:00:00Z");

  @Test
  void aProductPublishedThreeDaysAgoWhoseRunTodayFoundItsInputsUnchangedIsFresh() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      publishOrders(world, "24h");
      world.governance.recordJobRun(
          SALES, run("orders-1", JobRun.Status.PUBLISHED, THREE_DAYS_AGO));
      world.governance.recordJobRun(SALES, run("orders-2", JobRun.Status.UNCHANGED, THIS_MORNING));

      Freshness f = freshnessOfOrdersFor(world);

      assertThat(f.state()).isEqualTo(State.FRESH);
      assertThat(f.lastChecked()).isEqualTo(Instant.parse("2026-12-06T06:05:00Z"));
      assertThat(f.lastChanged()).isEqualTo(THREE_DAYS_AGO);
    }
  }

  @Test
  void aRunRejectedTodayChecksNothingSoTheProductIsStaleFromItsLastPublish() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      publishOrders(world, "24h");
      world.governance.recordJobRun(
          SALES, run("orders-1", JobRun.Status.PUBLISHED, THREE_DAYS_AGO));
      world.governance.recordJobRun(SALES, run("orders-2", JobRun.Status.REJECTED, THIS_MORNING));
      world.governance.recordJobRun(SALES, run("orders-3", JobRun.Status.FAILED, THIS_MORNING));

      Freshness f = freshnessOfOrdersFor(world);

      assertThat(f.state()).isEqualTo(State.STALE);
      assertThat(f.lastChecked()).isEqualTo(Instant.parse("2026-12-03T06:05:00Z"));
    }
  }

  @Test
  void withoutRunRecordsTheLastPublishCountsAsTheLastCheck() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      publishOrders(world, "30d");

      Freshness f = freshnessOfOrdersFor(world);

      assertThat(f.state()).isEqualTo(State.FRESH);
      assertThat(f.lastChecked()).isEqualTo(THREE_DAYS_AGO);
      assertThat(f.lastChanged()).isEqualTo(THREE_DAYS_AGO);
    }
  }

  @Test
  void aProductWithoutAnSlaSaysSo() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      publishOrders(world, "");

      assertThat(freshnessOfOrdersFor(world).state()).isEqualTo(State.NO_SLA);
    }
  }

  @Test
  void theSlaReadsAsTheSpecWritesItAndAsTheJobStoresIt() {
    assertThat(Freshness.sla("24h")).contains(Duration.ofHours(24));
    assertThat(Freshness.sla("PT24H")).contains(Duration.ofHours(24));
    assertThat(Freshness.sla("30d")).contains(Duration.ofDays(30));
    assertThat(Freshness.sla("90 minutes")).contains(Duration.ofMinutes(90));
    assertThat(Freshness.sla("soon")).isEmpty();
    // One second past the SLA is stale; at the SLA exactly it is still fresh.
    Instant checked = Instant.parse("2026-12-05T09:00:00Z");
    assertThat(Freshness.of("24h", checked, null, NOW).state()).isEqualTo(State.FRESH);
    assertThat(Freshness.of("24h", checked, null, NOW.plusSeconds(1)).state())
        .isEqualTo(State.STALE);
    assertThat(Freshness.of("24h", null, null, NOW).state()).isEqualTo(State.NEVER_CHECKED);
    // As `search` prints it.
    assertThat(Freshness.of("24h", checked, null, NOW).label()).isEqualTo("fresh");
    assertThat(Freshness.of("", checked, null, NOW).label()).isEqualTo("no SLA");
    assertThat(Freshness.of("24h", null, null, NOW).label()).isEqualTo("never checked");
  }

  /** What a consumer without any grant reads in its search, on a catalog whose clock says NOW. */
  private static Freshness freshnessOfOrdersFor(MeshWorld world) {
    Governance at = Governance.over(world.mesh, world.catalog, Clock.fixed(NOW, ZoneOffset.UTC));
    return at.search(MARKETING, SearchQuery.all()).stream()
        .filter(l -> l.table().equals(ORDERS))
        .findFirst()
        .orElseThrow()
        .freshness();
  }

  private static void publishOrders(MeshWorld world, String sla) {
    Publication p = world.publication(ORDERS, MeshWorld.ORDER_COLUMNS, Map.of());
    CatalogTable t = p.table();
    Map<String, String> parameters = new TreeMap<>(t.parameters());
    parameters.put(TableParameters.SLA_FRESHNESS, sla);
    parameters.put(TableParameters.PUBLISHED_AT, THREE_DAYS_AGO.toString());
    CatalogTable published =
        t.toBuilder().parameters(parameters).version(0).updatedAt(THREE_DAYS_AGO).build();
    world.governance.publish(SALES, new Publication(published, null, null, null));
  }

  /** A run of orders that started at {@code at} and took five minutes. */
  private static JobRun run(String id, JobRun.Status status, Instant at) {
    return new JobRun(
        id, "sales.orders", ORDERS, status, at, at.plus(Duration.ofMinutes(5)), 101L, "", null);
  }
}
