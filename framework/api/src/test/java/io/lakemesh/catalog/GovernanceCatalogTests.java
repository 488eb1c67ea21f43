package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.at;
import static io.lakemesh.catalog.CatalogFixtures.jobRun;
import static io.lakemesh.catalog.CatalogFixtures.lineage;
import static io.lakemesh.catalog.CatalogFixtures.publication;
import static io.lakemesh.catalog.CatalogFixtures.qualityRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.exceptions.CommitConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link GovernanceCatalog} backend meets, in the manner of Iceberg's {@code
 * CatalogTests}: a backend subclasses it, returns a fresh empty catalog from {@link #newCatalog},
 * and turns off with a capability flag what it cannot do.
 *
 * <p>Databases and table entries are tested in {@link TableCatalogTests}, its superclass; here
 * publication as one unit, quality history, job runs, lineage and concurrency.
 */
public abstract class GovernanceCatalogTests extends TableCatalogTests {
  // ---- publication as one unit

  @Test
  void publishStoresQualityRunLineageAndJobRunTogether() {
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog().publish(p);

    if (supportsQualityHistory()) {
      assertThat(catalog().qualityHistory(ORDERS, 10)).containsExactly(p.quality());
    }
    if (supportsLineage()) {
      assertThat(catalog().lineage(ORDERS.qualifiedName(), 10)).containsExactly(p.lineage());
    }
    if (supportsJobRuns()) {
      assertThat(catalog().findJobRun("run-1")).contains(p.run());
    }
  }

  @Test
  void aRepeatedPublishAfterACrashConvergesWithoutDuplicates() {
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog().publish(p);
    CatalogTable first = catalog().loadTable(ORDERS);
    catalog().publish(p);
    catalog().publish(p);

    assertThat(catalog().loadTable(ORDERS)).isEqualTo(first);
    assertThat(catalog().listTables("sales")).hasSize(1);
    if (supportsQualityHistory()) {
      assertThat(catalog().qualityHistory(ORDERS, 10)).containsExactly(p.quality());
    }
    if (supportsLineage()) {
      assertThat(catalog().lineage("raw.orders", 10)).containsExactly(p.lineage());
    }
    if (supportsJobRuns()) {
      assertThat(catalog().listJobRuns(CatalogFixtures.PRODUCT, 10)).containsExactly(p.run());
    }
  }

  @Test
  void aPublishThatFailsPartWayLeavesNothingBehind() {
    Publication good = publication("run-1", ORDERS, 11, at(0));
    // The run record is the last part and cannot be stored without a status.
    JobRun broken =
        new JobRun("run-2", CatalogFixtures.PRODUCT, ORDERS, null, at(1), null, null, null, null);
    Publication bad = publication("run-2", ORDERS, 12, at(1));
    catalog().publish(good);

    assertThatThrownBy(
            () ->
                catalog()
                    .publish(new Publication(bad.table(), bad.quality(), bad.lineage(), broken)))
        .isInstanceOf(RuntimeException.class);

    assertThat(catalog().loadTable(ORDERS).version()).isEqualTo(1);
    assertThat(catalog().loadTable(ORDERS).parameter(TableParameters.SNAPSHOT_ID)).contains("11");
    if (supportsQualityHistory()) {
      assertThat(catalog().qualityHistory(ORDERS, 10)).containsExactly(good.quality());
    }
    if (supportsLineage()) {
      assertThat(catalog().lineage("raw.orders", 10)).containsExactly(good.lineage());
    }
    if (supportsJobRuns()) {
      assertThat(catalog().findJobRun("run-2")).isEmpty();
    }
  }

  // ---- quality history

  @Test
  void failedQualityRunsAreKeptAndComeBackNewestFirst() {
    assumeTrue(supportsQualityHistory(), "backend keeps no quality history");
    QualityRun passed = qualityRun("run-1", ORDERS, at(0), true);
    QualityRun failedLater = qualityRun("run-3", ORDERS, at(20), false);
    QualityRun failed = qualityRun("run-2", ORDERS, at(10), false);
    catalog().recordQualityRun(passed);
    catalog().recordQualityRun(failedLater);
    catalog().recordQualityRun(failed);
    catalog().recordQualityRun(qualityRun("run-4", RETURNS, at(30), true));

    assertThat(catalog().qualityHistory(ORDERS, 10)).containsExactly(failedLater, failed, passed);
    assertThat(catalog().qualityHistory(ORDERS, 2)).containsExactly(failedLater, failed);
    assertThat(failed.outcome()).isEqualTo(QualityRun.Outcome.FAILED);
    // Recording quality alone publishes nothing.
    assertThat(catalog().findTable(ORDERS)).isEmpty();
  }

  @Test
  void qualityRunsKeepMetricsAndConstraintsExactly() {
    assumeTrue(supportsQualityHistory(), "backend keeps no quality history");
    QualityRun base = qualityRun("run-1", ORDERS, at(0), false);
    List<Metric> metrics = new ArrayList<>(base.metrics());
    metrics.add(new Metric("Column", "amount", "StandardDeviation", Double.NaN));
    metrics.add(new Metric("Column", "amount", "Maximum", Double.POSITIVE_INFINITY));
    metrics.add(new Metric("Column", "amount", "Minimum", -0.1 + 0.2));
    QualityRun run =
        new QualityRun(
            base.runId(), ORDERS, null, base.at(), base.outcome(), metrics, base.constraints());
    catalog().recordQualityRun(run);

    QualityRun loaded = catalog().qualityHistory(ORDERS, 1).get(0);
    assertThat(loaded).isEqualTo(run);
    assertThat(loaded.metric("Completeness", "order_id").orElseThrow().value()).isEqualTo(0.98);
    assertThat(loaded.constraints()).filteredOn(ConstraintResult::blocking).hasSize(1);
  }

  @Test
  void recordingAQualityRunAgainReplacesIt() {
    assumeTrue(supportsQualityHistory(), "backend keeps no quality history");
    catalog().recordQualityRun(qualityRun("run-1", ORDERS, at(0), false));
    QualityRun rerun = qualityRun("run-1", ORDERS, at(1), true);
    catalog().recordQualityRun(rerun);

    assertThat(catalog().qualityHistory(ORDERS, 10)).containsExactly(rerun);
  }

  // ---- job runs

  @Test
  void jobRunsAreUpsertedByRunId() {
    assumeTrue(supportsJobRuns(), "backend keeps no run records");
    JobRun running = jobRun("run-1", CatalogFixtures.PRODUCT, ORDERS, JobRun.Status.RUNNING, at(0));
    catalog().recordJobRun(running);
    assertThat(catalog().findJobRun("run-1")).contains(running);

    JobRun rejected =
        jobRun("run-1", CatalogFixtures.PRODUCT, ORDERS, JobRun.Status.REJECTED, at(0));
    catalog().recordJobRun(rejected);

    assertThat(catalog().findJobRun("run-1")).contains(rejected);
    assertThat(catalog().listJobRuns(null, 10)).containsExactly(rejected);
    assertThat(catalog().findJobRun("run-unknown")).isEmpty();
  }

  @Test
  void jobRunsAreListedNewestFirstPerProduct() {
    assumeTrue(supportsJobRuns(), "backend keeps no run records");
    JobRun o1 = jobRun("o-1", "sales.orders", ORDERS, JobRun.Status.PUBLISHED, at(0));
    JobRun o2 = jobRun("o-2", "sales.orders", ORDERS, JobRun.Status.UNCHANGED, at(20));
    JobRun o3 = jobRun("o-3", "sales.orders", ORDERS, JobRun.Status.FAILED, at(10));
    JobRun r1 = jobRun("r-1", "sales.returns", RETURNS, JobRun.Status.PUBLISHED, at(15));
    List.of(o1, o2, o3, r1).forEach(catalog()::recordJobRun);

    assertThat(catalog().listJobRuns("sales.orders", 10)).containsExactly(o2, o3, o1);
    assertThat(catalog().listJobRuns("sales.orders", 2)).containsExactly(o2, o3);
    assertThat(catalog().listJobRuns("sales.returns", 10)).containsExactly(r1);
    assertThat(catalog().listJobRuns(null, 10)).containsExactly(o2, r1, o3, o1);
    assertThat(catalog().listJobRuns("sales.unknown", 10)).isEmpty();

    // A page of products at once, as discovery reads them for freshness.
    assertThat(
            catalog().recentJobRuns(List.of("sales.orders", "sales.returns", "sales.unknown"), 2))
        .isEqualTo(
            Map.of(
                "sales.orders", List.of(o2, o3),
                "sales.returns", List.of(r1),
                "sales.unknown", List.of()));
  }

  @Test
  void jobRunsKeepTheirReportAndMayLackOptionalFields() {
    assumeTrue(supportsJobRuns(), "backend keeps no run records");
    String report = "{\"status\":\"PUBLISHED\",\"note\":\"écrit ✓\",\"rows\":[1,2,3]}";
    JobRun full =
        new JobRun(
            "run-1",
            "sales.orders",
            ORDERS,
            JobRun.Status.PUBLISHED,
            at(0),
            at(2),
            Long.MAX_VALUE,
            "ok",
            report);
    JobRun bare =
        new JobRun(
            "run-2", "sales.orders", null, JobRun.Status.FAILED, at(3), null, null, null, null);
    catalog().recordJobRun(full);
    catalog().recordJobRun(bare);

    assertThat(catalog().findJobRun("run-1")).contains(full);
    assertThat(catalog().findJobRun("run-2")).contains(bare);
  }

  // ---- lineage

  @Test
  void lineageIsFoundByInputAndByOutputNameNewestFirst() {
    assumeTrue(supportsLineage(), "backend keeps no lineage");
    LineageEvent ingest =
        lineage("run-1", at(0), List.of("raw.orders", "raw.customers"), List.of("sales.orders"));
    LineageEvent daily = lineage("run-2", at(5), List.of("sales.orders"), List.of("sales.daily"));
    publishLineage(ingest, 11);
    publishLineage(daily, 12);

    assertThat(catalog().lineage("sales.orders", 10)).containsExactly(daily, ingest);
    assertThat(catalog().lineage("sales.orders", 1)).containsExactly(daily);
    assertThat(catalog().lineage("raw.customers", 10)).containsExactly(ingest);
    assertThat(catalog().lineage("sales.daily", 10)).containsExactly(daily);
  }

  @Test
  void lineageMatchesDatasetNamesExactly() {
    assumeTrue(supportsLineage(), "backend keeps no lineage");
    publishLineage(lineage("run-1", at(0), List.of("raw.orders"), List.of("sales.orders")), 11);

    assertThat(catalog().lineage("sales", 10)).isEmpty();
    assertThat(catalog().lineage("sales.order", 10)).isEmpty();
    assertThat(catalog().lineage("sales.orders_v2", 10)).isEmpty();
    assertThat(catalog().lineage("SALES.ORDERS", 10)).isEmpty();
    assertThat(catalog().lineage("%", 10)).isEmpty();
  }

  @Test
  void lineageOfARunIsReplacedWhenPublishedAgain() {
    assumeTrue(supportsLineage(), "backend keeps no lineage");
    publishLineage(lineage("run-1", at(0), List.of("raw.orders_old"), List.of("sales.orders")), 11);
    LineageEvent corrected =
        lineage("run-1", at(1), List.of("raw.orders"), List.of("sales.orders"));
    publishLineage(corrected, 11);

    assertThat(catalog().lineage("raw.orders_old", 10)).isEmpty();
    assertThat(catalog().lineage("raw.orders", 10)).containsExactly(corrected);
    assertThat(catalog().lineage("sales.orders", 10)).containsExactly(corrected);
  }

  // ---- concurrency

  @Test
  void concurrentPublishesToDifferentTablesAllLand() throws Exception {
    int perTable = 5;
    List<Callable<Void>> writers = new ArrayList<>();
    for (TableId id : List.of(ORDERS, RETURNS)) {
      writers.add(
          () -> {
            for (int i = 1; i <= perTable; i++) {
              catalog().publish(publication(id.table() + "-" + i, id, i, at(i)));
            }
            return null;
          });
    }
    ConcurrentRuns.together(writers);

    for (TableId id : List.of(ORDERS, RETURNS)) {
      assertThat(catalog().loadTable(id).version()).isEqualTo(perTable);
      assertThat(catalog().loadTable(id).parameter(TableParameters.SNAPSHOT_ID))
          .contains("" + perTable);
    }
    assertThat(catalog().listTables("sales")).hasSize(2);
  }

  @Test
  void concurrentPublishesToOneTableNeverShareAVersion() throws Exception {
    int writers = 4;
    List<Callable<Void>> tasks = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      long snapshot = 1000 + w;
      tasks.add(
          () -> {
            try {
              catalog().publish(publication("run-" + snapshot, ORDERS, snapshot, at(1)));
            } catch (CommitConflictException expected) {
              // Losing a race is allowed; duplicating or skipping a version is not.
            }
            return null;
          });
    }
    ConcurrentRuns.together(tasks);

    long current = catalog().loadTable(ORDERS).version();
    assertThat(current).isBetween(1L, (long) writers);
    if (supportsTableVersions()) {
      assertThat(catalog().tableVersions(ORDERS))
          .extracting(CatalogTable::version)
          .containsExactlyElementsOf(
              IntStream.rangeClosed(1, (int) current).mapToObj(i -> (long) i).toList());
      assertThat(catalog().tableVersions(ORDERS))
          .extracting(t -> t.parameter(TableParameters.SNAPSHOT_ID).orElseThrow())
          .doesNotHaveDuplicates();
    }
  }

  /**
   * Publishes lineage the way a run does, so backends without a separate lineage write are covered.
   */
  private void publishLineage(LineageEvent event, long snapshotId) {
    Publication p = publication(event.runId(), ORDERS, snapshotId, event.eventTime());
    catalog().publish(new Publication(p.table(), p.quality(), event, p.run()));
  }
}
