package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityVerdict;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A producer job's own records (runs, quality runs, databases) as the rules let principals write
 * and read them: only the producer writes, refusals are audited in its log, and reads follow
 * DESCRIBE.
 */
class RunRecordsTest extends RuleSuite {
  private static final Instant AT = Instant.parse("2026-11-01T06:00:00Z");

  @Test
  void onlyTheProducerRecordsItsRunsAndQualityRunsAndEveryRefusalIsAudited() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      g.recordJobRun(SALES, run("sales-1", ORDERS));
      g.recordQualityRun(SALES, quality("sales-1", ORDERS));

      for (Principal other :
          List.of(PRODUCT, MARKETING, GOVERNANCE, Principal.of("sales", "engineer"))) {
        assertThatThrownBy(() -> g.recordJobRun(other, run("other-1", ORDERS)))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessage(
                "access denied: "
                    + other
                    + " may not RECORD RUN run other-1: only the producer sales"
                    + " publishes its products");
        assertThatThrownBy(() -> g.recordQualityRun(other, quality("other-1", ORDERS)))
            .isInstanceOf(AccessDeniedException.class);
      }

      assertThat(world.catalog.findJobRun("other-1")).isEmpty();
      assertThat(world.catalog.qualityHistory(ORDERS, 10))
          .extracting(QualityRun::runId)
          .containsExactly("sales-1");
      List<AuditEvent> refused =
          world.events("governance").stream()
              .filter(e -> e.outcome() == AuditEvent.Outcome.REFUSED)
              .toList();
      assertThat(refused)
          .extracting(AuditEvent::action)
          .containsOnly(AuditAction.RECORD_RUN, AuditAction.RECORD_QUALITY)
          .hasSize(8);
      assertThat(refused)
          .extracting(e -> e.actor().toString())
          .contains("product", "marketing", "governance", "sales:engineer");
    }
  }

  @Test
  void aProducerJoinsTheMeshThroughTheHolderOfItsEntriesAndEveryJoinIsAudited() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      DatabaseId staging = DatabaseId.of("sales", "staging");

      assertThatThrownBy(() -> g.join(SALES, staging))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: sales may not JOIN database sales:staging: only the administrator of"
                  + " governance, which holds sales's entries, joins it to the mesh");
      assertThat(g.join(GOVERNANCE, staging)).isTrue();
      assertThat(g.join(GOVERNANCE, staging)).isFalse();

      assertThat(world.catalog.listDatabases("sales")).contains(staging);
      assertThat(world.events("governance"))
          .filteredOn(e -> e.action() == AuditAction.JOIN)
          .extracting(
              e ->
                  e.actor()
                      + " "
                      + e.outcome()
                      + " "
                      + e.resource()
                      + " ["
                      + e.before()
                      + "] ["
                      + e.after()
                      + "]")
          .containsExactly(
              "sales REFUSED database sales:staging [] []",
              "governance ALLOWED database sales:staging [] [member (database created)]",
              "governance ALLOWED database sales:staging [member] [member]");
    }
    try (MeshWorld world = open(Topology.FEDERATED)) {
      // In federated the producer holds its own entries, so it joins itself, in its own log.
      assertThat(world.governance.join(SALES, DatabaseId.of("sales", "staging"))).isTrue();
      assertThat(world.events("sales")).extracting(AuditEvent::action).contains(AuditAction.JOIN);
    }
  }

  @Test
  void aRecordMayNotReplaceARunOfAnotherProducer() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      g.recordJobRun(SALES, run("shared-id", ORDERS));

      assertThatThrownBy(() -> g.recordJobRun(PRODUCT, run("shared-id", INVENTORY)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("run id shared-id is taken by a run of sales's");
      assertThatThrownBy(() -> g.recordQualityRun(PRODUCT, quality("shared-id", INVENTORY)))
          .isInstanceOf(AccessDeniedException.class);
      Publication hijack =
          withRecords(
              world.publication(INVENTORY, List.of("sku"), Map.of()), "shared-id", INVENTORY);
      assertThatThrownBy(() -> g.publish(PRODUCT, hijack))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(world.catalog.findJobRun("shared-id"))
          .hasValueSatisfying(r -> assertThat(r.table()).isEqualTo(ORDERS));
      assertThat(world.catalog.findTable(INVENTORY)).isEmpty();
    }
  }

  @Test
  void aPublicationMayNotCarryAnotherProducersRecords() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Publication carriesOrders =
          withRecords(world.publication(INVENTORY, List.of("sku"), Map.of()), "run-9", ORDERS);

      assertThatThrownBy(() -> world.governance.publish(PRODUCT, carriesOrders))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("run run-9 is a record of sales's");
      assertThat(world.catalog.findJobRun("run-9")).isEmpty();
    }
  }

  @Test
  void databasesAreCreatedByTheirProducerOnly() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      DatabaseId db = DatabaseId.of("sales", "staging");

      assertThatThrownBy(() -> world.governance.ensureDatabase(MARKETING, db, Map.of()))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.governance.ensureDatabase(SALES, db, Map.of())).isTrue();
      assertThat(world.governance.listDatabases(SALES, "sales")).containsExactly(db);
      assertThat(world.governance.listDatabases(MARKETING, "sales")).isEmpty();
      assertThat(world.governance.listDatabases(GOVERNANCE, null)).containsExactly(db);
    }
  }

  @Test
  void readsShowWhatThePrincipalMayDescribeWithTheColumnsItMaySee() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.recordJobRun(SALES, run("sales-1", ORDERS));
      g.recordQualityRun(SALES, quality("sales-1", ORDERS));

      assertThat(g.listTables(MARKETING, null)).isEmpty();
      assertThat(g.listJobRuns(MARKETING, null, 10)).isEmpty();
      assertThat(g.findJobRun(MARKETING, "sales-1")).isEmpty();
      assertThatThrownBy(() -> g.qualityHistory(MARKETING, ORDERS, 10))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.events("governance"))
          .last()
          .satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.DESCRIBE))
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED));

      g.grant(
          SALES,
          MARKETING,
          Resource.columns(ORDERS, List.of("order_id", "amount")),
          Set.of(Permission.SELECT));

      assertThat(g.listTables(MARKETING, "sales"))
          .singleElement()
          .satisfies(
              t ->
                  assertThat(t.columns())
                      .extracting(c -> c.name())
                      .containsExactly("order_id", "amount"));
      assertThat(g.tableVersions(MARKETING, ORDERS))
          .singleElement()
          .satisfies(t -> assertThat(t.columns()).hasSize(2));
      assertThat(g.listJobRuns(MARKETING, null, 10))
          .extracting(JobRun::runId)
          .containsExactly("sales-1");
      assertThat(g.qualityHistory(MARKETING, ORDERS, 10))
          .extracting(QualityRun::runId)
          .containsExactly("sales-1");
      assertThat(g.listTables(GOVERNANCE, null))
          .singleElement()
          .satisfies(t -> assertThat(t.columns()).hasSize(MeshWorld.ORDER_COLUMNS.size()));
    }
  }

  @Test
  void theQualityVerdictIsThePublishedDataAndARejectedAttemptApartForDescribersOnly() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      List<ConstraintResult> failed =
          List.of(
              new ConstraintResult(
                  "unique(order_id)",
                  "order_id is unique",
                  ConstraintResult.Severity.ERROR,
                  ConstraintResult.Status.FAILURE,
                  "order_id: 2 of 506 rows share their value"));
      g.recordQualityRun(
          SALES,
          new QualityRun(
              "sales-2",
              ORDERS,
              8L,
              AT.plusSeconds(3600),
              QualityRun.Outcome.FAILED,
              List.of(),
              failed));

      QualityVerdict verdict = g.qualityVerdict(SALES, ORDERS);

      assertThat(verdict.status()).isEqualTo("PASSED");
      assertThat(verdict.lastAttempt().runId()).isEqualTo("sales-2");
      assertThat(verdict.lastAttemptNote())
          .isEqualTo(
              "last attempt 2026-11-01T07:00:00Z: rejected,"
                  + " not published, consumers unaffected (unique(order_id) failed: order_id: 2 of 506 rows"
                  + " share their value)");
      assertThatThrownBy(() -> g.qualityVerdict(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.events("governance"))
          .last()
          .satisfies(e -> assertThat(e.action()).isEqualTo(AuditAction.DESCRIBE))
          .satisfies(e -> assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED));
    }
  }

  @Test
  void theRecordsOfATableNotPublishedYetAreItsProducersAndGovernorsOnly() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      g.recordQualityRun(SALES, quality("first-run", ORDERS));

      assertThat(g.qualityHistory(SALES, ORDERS, 10)).hasSize(1);
      assertThat(g.qualityHistory(GOVERNANCE, ORDERS, 10)).hasSize(1);
      assertThat(g.qualityHistory(MARKETING, ORDERS, 10)).isEmpty();
      assertThat(g.qualityHistory(PRODUCT, ORDERS, 10)).isEmpty();
      assertThat(g.tableVersions(SALES, ORDERS)).isEmpty();
    }
  }

  @Test
  void lineageShowsTheEventsOfRunsThePrincipalMaySee() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      Publication p = world.publication(ORDERS, MeshWorld.ORDER_COLUMNS, Map.of());
      LineageEvent event =
          new LineageEvent(
              "sales-1",
              "sales.orders",
              AT,
              List.of("file:/data/orders.csv"),
              List.of(LineageEvent.dataset(ORDERS)),
              "{}");
      g.publish(SALES, new Publication(p.table(), null, event, run("sales-1", ORDERS)));

      assertThat(g.lineage(SALES, "file:/data/orders.csv", 10)).containsExactly(event);
      assertThat(g.lineage(GOVERNANCE, LineageEvent.dataset(ORDERS), 10)).containsExactly(event);
      assertThat(g.lineage(MARKETING, "file:/data/orders.csv", 10)).isEmpty();
    }
  }

  @Test
  void actingAsAnotherPrincipalIsRefusedAndAuditedInTheLogOfThePrincipalClaimed() {
    try (MeshWorld world = open(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;

      assertThat(g.actingAs(MARKETING, null)).isEqualTo(MARKETING);
      assertThat(g.actingAs(MARKETING, " marketing ")).isEqualTo(MARKETING);
      assertThatThrownBy(() -> g.actingAs(MARKETING, "finance"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage("access denied: the token of marketing cannot act as finance");

      assertThat(world.events("finance-gov"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.action()).isEqualTo(AuditAction.ACT_AS);
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.REFUSED);
                assertThat(e.actor()).isEqualTo(MARKETING);
                assertThat(e.resource()).isEqualTo("principal finance");
              });
      assertThat(world.events("retail-gov")).isEmpty();
    }
  }

  private static JobRun run(String runId, TableId table) {
    return new JobRun(
        runId,
        table.catalog() + "." + table.table(),
        table,
        JobRun.Status.PUBLISHED,
        AT,
        AT.plusSeconds(60),
        7L,
        "ok",
        "{}");
  }

  private static QualityRun quality(String runId, TableId table) {
    return new QualityRun(runId, table, 7L, AT, QualityRun.Outcome.PASSED, List.of(), List.of());
  }

  private static Publication withRecords(Publication p, String runId, TableId recordsOf) {
    return new Publication(p.table(), quality(runId, recordsOf), null, run(runId, recordsOf));
  }
}
