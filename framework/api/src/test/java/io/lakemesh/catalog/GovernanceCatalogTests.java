package io.lakemesh.catalog;

import static io.lakemesh.catalog.CatalogFixtures.at;
import static io.lakemesh.catalog.CatalogFixtures.jobRun;
import static io.lakemesh.catalog.CatalogFixtures.lineage;
import static io.lakemesh.catalog.CatalogFixtures.publication;
import static io.lakemesh.catalog.CatalogFixtures.qualityRun;
import static io.lakemesh.catalog.CatalogFixtures.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lakemesh.exceptions.CommitConflictException;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.NoSuchTableException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract every {@link GovernanceCatalog} backend meets, in the manner of Iceberg's {@code
 * CatalogTests}: a backend subclasses it, returns a fresh empty catalog from {@link #newCatalog},
 * and turns off with a capability flag what it cannot do.
 */
public abstract class GovernanceCatalogTests extends CatalogContract {
  protected static final TableId ORDERS = TableId.of("sales", "orders_db", "orders");
  protected static final TableId RETURNS = TableId.of("sales", "orders_db", "returns");
  protected static final TableId STAFF = TableId.of("hr", "people", "staff");

  /** Whether old table versions stay readable through {@link GovernanceCatalog#tableVersions}. */
  protected boolean supportsTableVersions() {
    return true;
  }

  protected boolean supportsQualityHistory() {
    return true;
  }

  protected boolean supportsLineage() {
    return true;
  }

  protected boolean supportsJobRuns() {
    return true;
  }

  // ---- databases

  @Test
  void ensureDatabaseCreatesOnceAndListsIt() {
    DatabaseId db = DatabaseId.of("sales", "orders_db");

    assertThat(catalog().ensureDatabase(db, Map.of("owner", "sales-data"))).isTrue();
    assertThat(catalog().ensureDatabase(db, Map.of("owner", "someone-else"))).isFalse();

    assertThat(catalog().listDatabases("sales")).containsExactly(db);
  }

  @Test
  void listDatabasesIsScopedToOneCatalog() {
    catalog().ensureDatabase(DatabaseId.of("sales", "orders_db"), Map.of());
    catalog().ensureDatabase(DatabaseId.of("sales", "returns_db"), Map.of());
    catalog().ensureDatabase(DatabaseId.of("hr", "people"), Map.of());

    assertThat(catalog().listDatabases("sales"))
        .containsExactlyInAnyOrder(
            DatabaseId.of("sales", "orders_db"), DatabaseId.of("sales", "returns_db"));
    assertThat(catalog().listDatabases("hr")).containsExactly(DatabaseId.of("hr", "people"));
    assertThat(catalog().listDatabases("finance")).isEmpty();
  }

  @Test
  void publishCreatesTheDatabaseWhenMissing() {
    catalog().publish(publication("run-1", STAFF, 1, at(0)));

    assertThat(catalog().listDatabases("hr")).containsExactly(STAFF.databaseId());
    assertThat(catalog().ensureDatabase(STAFF.databaseId(), Map.of())).isFalse();
  }

  // ---- tables

  @Test
  void publishedTableCanBeFoundLoadedAndListed() {
    Instant before = Instant.now();
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    Instant after = Instant.now();

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(catalog().findTable(ORDERS)).contains(loaded);
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.updatedAt()).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    assertThat(loaded.withVersion(0, Instant.EPOCH)).isEqualTo(table(ORDERS, 11));
    assertThat(catalog().listTables("sales")).containsExactly(loaded);
  }

  @Test
  void catalogAssignsVersionAndTimeWhateverThePublicationSays() {
    CatalogTable claimed = table(ORDERS, 11).withVersion(42, Instant.parse("2001-01-01T00:00:00Z"));
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog().publish(new Publication(claimed, p.quality(), p.lineage(), p.run()));

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(loaded.version()).isEqualTo(1);
    assertThat(loaded.updatedAt()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
  }

  @Test
  void loadingAMissingTableThrowsNoSuchTable() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));

    assertThat(catalog().findTable(RETURNS)).isEmpty();
    assertThatThrownBy(() -> catalog().loadTable(RETURNS))
        .isInstanceOf(NoSuchTableException.class)
        .hasMessage("table not found: sales:orders_db.returns");
  }

  @Test
  void tablesAreListedPerCatalogOrAll() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    catalog().publish(publication("run-2", RETURNS, 21, at(1)));
    catalog().publish(publication("run-3", STAFF, 31, at(2)));

    assertThat(catalog().listTables("sales"))
        .extracting(CatalogTable::id)
        .containsExactlyInAnyOrder(ORDERS, RETURNS);
    assertThat(catalog().listTables("hr")).extracting(CatalogTable::id).containsExactly(STAFF);
    assertThat(catalog().listTables("finance")).isEmpty();
    assertThat(catalog().listTables(null))
        .extracting(CatalogTable::id)
        .containsExactlyInAnyOrder(ORDERS, RETURNS, STAFF);
  }

  @Test
  void listingShowsOnlyTheCurrentVersionOfEachTable() {
    for (int i = 1; i <= 3; i++) {
      catalog().publish(publication("run-" + i, ORDERS, i, at(i)));
    }

    assertThat(catalog().listTables("sales"))
        .singleElement()
        .satisfies(t -> assertThat(t.version()).isEqualTo(3))
        .satisfies(t -> assertThat(t.parameter(TableParameters.SNAPSHOT_ID)).contains("3"));
  }

  @Test
  void versionsGrowByOnePerNewSnapshot() {
    assumeTrue(supportsTableVersions(), "backend keeps no version history");
    for (int i = 1; i <= 3; i++) {
      catalog().publish(publication("run-" + i, ORDERS, 100 + i, at(i)));
    }

    List<CatalogTable> versions = catalog().tableVersions(ORDERS);
    assertThat(versions).extracting(CatalogTable::version).containsExactly(1L, 2L, 3L);
    assertThat(versions)
        .extracting(t -> t.parameter(TableParameters.SNAPSHOT_ID).orElseThrow())
        .containsExactly("101", "102", "103");
    assertThat(versions).extracting(CatalogTable::updatedAt).isSorted();
    assertThat(catalog().loadTable(ORDERS)).isEqualTo(versions.get(2));
  }

  @Test
  void republishingTheSameSnapshotLeavesTheTableUnchanged() {
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    CatalogTable first = catalog().loadTable(ORDERS);

    // Another run that found nothing new publishes the same snapshot, even with new metadata.
    Map<String, String> changed = Map.of(TableParameters.DESCRIPTION, "changed");
    Publication again = publication("run-2", ORDERS, 11, at(5));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 11, CatalogFixtures.orderColumns(), changed),
                again.quality(),
                again.lineage(),
                again.run()));

    assertThat(catalog().loadTable(ORDERS)).isEqualTo(first);
    if (supportsTableVersions()) {
      assertThat(catalog().tableVersions(ORDERS)).containsExactly(first);
    }
  }

  @Test
  void olderVersionsKeepTheirOwnSchema() {
    assumeTrue(supportsTableVersions(), "backend keeps no version history");
    catalog().publish(publication("run-1", ORDERS, 11, at(0)));
    List<Column> widened = new ArrayList<>(CatalogFixtures.orderColumns());
    widened.add(new Column("region", "string", true, "sales region", false));
    Publication p = publication("run-2", ORDERS, 12, at(1));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 12, widened, Map.of()), p.quality(), p.lineage(), p.run()));

    List<CatalogTable> versions = catalog().tableVersions(ORDERS);
    assertThat(versions.get(0).columns()).isEqualTo(CatalogFixtures.orderColumns());
    assertThat(versions.get(1).columns()).isEqualTo(widened);
    assertThat(catalog().tableVersions(RETURNS)).isEmpty();
  }

  @Test
  void columnsKeepOrderTypesNullabilityCommentsAndPiiFlags() {
    List<Column> columns = CatalogFixtures.manyColumns(40);
    Publication p = publication("run-1", ORDERS, 11, at(0));
    catalog()
        .publish(
            new Publication(
                table(ORDERS, 11, columns, Map.of()), p.quality(), p.lineage(), p.run()));

    CatalogTable loaded = catalog().loadTable(ORDERS);
    assertThat(loaded.columns()).isEqualTo(columns);
    assertThat(loaded.column("customer_email")).isEmpty();
    assertThat(loaded.partitioning()).containsExactly("day(ordered_at)", "region");
    assertThat(loaded.location()).isEqualTo("file:/warehouse/orders_db/orders");
    assertThat(loaded.format()).isEqualTo("iceberg");
  }

  @Test
  void parametersRoundTripExactly() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put(
        TableParameters.DESCRIPTION, "Bestellungen · 注文 · заказы 🛒 \"quoted\" \\ back\nslash");
    parameters.put(TableParameters.TAG_PREFIX + "classification", "internal");
    parameters.put("lakemesh.empty", "");
    parameters.put("lakemesh.long", "x".repeat(20_000));
    parameters.put("spaces and = signs", "  leading and trailing  ");
    parameters.put("lakemesh.sql", "'; DROP TABLE orders; --");
    Publication p = publication("run-1", ORDERS, 11, at(0));
    CatalogTable published = table(ORDERS, 11, CatalogFixtures.orderColumns(), parameters);
    catalog().publish(new Publication(published, p.quality(), p.lineage(), p.run()));

    assertThat(catalog().loadTable(ORDERS).parameters()).isEqualTo(published.parameters());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "x; drop table",
        "a.b",
        "a/b",
        "..",
        "a'b",
        "a\"b",
        "a`b",
        "Orders",
        "",
        " t",
        "1t"
      })
  void identifiersRejectNamesThatNeedQuoting(String bad) {
    assertThatThrownBy(() -> TableId.of("sales", bad, "t"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> TableId.of("sales", "db", bad))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> DatabaseId.of(bad, "db"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThatThrownBy(() -> new Column(bad, "string", true, "", false))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @Test
  void identifierErrorsNameTheKindAndTheValue() {
    assertThatThrownBy(() -> TableId.of("sales", "x; drop table", "t"))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("database")
        .hasMessageContaining("'x; drop table'");
    assertThatThrownBy(() -> TableId.parse("sales:orders_db.orders.extra", "main"))
        .isInstanceOf(InvalidIdentifierException.class);
    assertThat(TableId.parse("orders_db.orders", "sales")).isEqualTo(ORDERS);
    assertThat(TableId.parse("hr:people.staff", "sales")).isEqualTo(STAFF);
  }

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
    assertThat(catalog().recentJobRuns(List.of("sales.orders", "sales.returns", "sales.unknown"), 2))
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
