package io.lakemesh.catalog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test data for catalog backends. Times are whole milliseconds so that every backend, including
 * those that keep no finer precision, must return them unchanged.
 */
public final class CatalogFixtures {
  public static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  public static final String PRODUCT = "sales.orders";

  private CatalogFixtures() {}

  public static Instant at(int minutes) {
    return T0.plusSeconds(60L * minutes).plusMillis(minutes % 1000);
  }

  public static List<Column> orderColumns() {
    return List.of(
        new Column("order_id", "bigint", false, "primary key", false),
        new Column("customer_email", "string", true, "contact address", true),
        new Column("amount", "decimal(12,2)", false, "", false),
        new Column("ordered_at", "timestamp", false, "when the order was placed", false));
  }

  /** A table entry as a run would publish it: the catalog assigns version and time itself. */
  public static CatalogTable table(TableId id, long snapshotId) {
    return table(id, snapshotId, orderColumns(), Map.of());
  }

  public static CatalogTable table(
      TableId id, long snapshotId, List<Column> columns, Map<String, String> extraParameters) {
    return tableBuilder(id, snapshotId)
        .columns(columns)
        .parameters(withProductFacts(snapshotId, extraParameters))
        .build();
  }

  /**
   * A builder for the entry {@link #table(TableId, long)} gives (the orders columns, a file
   * location, Iceberg, partitioned by day and region, the product's facts), for a test to change
   * only what it is about.
   */
  public static CatalogTable.Builder tableBuilder(TableId id, long snapshotId) {
    return CatalogTable.builder(id)
        .columns(orderColumns())
        .location("file:/warehouse/" + id.database() + "/" + id.table())
        .format("iceberg")
        .partitioning(List.of("day(ordered_at)", "region"))
        .parameters(withProductFacts(snapshotId, Map.of()));
  }

  private static Map<String, String> withProductFacts(
      long snapshotId, Map<String, String> extraParameters) {
    Map<String, String> parameters = new TreeMap<>(extraParameters);
    parameters.put(TableParameters.PRODUCT, PRODUCT);
    parameters.put(TableParameters.SNAPSHOT_ID, Long.toString(snapshotId));
    parameters.put(TableParameters.OWNER_TEAM, "sales-data");
    return parameters;
  }

  public static QualityRun qualityRun(String runId, TableId table, Instant at, boolean passed) {
    ConstraintResult.Status status =
        passed ? ConstraintResult.Status.SUCCESS : ConstraintResult.Status.FAILURE;
    List<ConstraintResult> constraints =
        List.of(
            new ConstraintResult(
                "order_id_complete",
                "CompletenessConstraint(Completeness(order_id,None,None))",
                ConstraintResult.Severity.ERROR,
                status,
                passed ? "" : "Value: 0.98 does not meet the constraint requirement!",
                // Examples are stored apart from the message, by every backend.
                passed ? null : "'O-17' in 2 rows",
                // And so is what the rule measured against its threshold.
                new RuleMeasure(passed ? 1.0 : 0.98, passed ? "100%" : "98%", "100%")),
            new ConstraintResult(
                "amount_positive",
                "ComplianceConstraint(Compliance(amount > 0,amount > 0,None,List(),None))",
                ConstraintResult.Severity.WARNING,
                ConstraintResult.Status.SUCCESS,
                ""));
    List<Metric> metrics =
        List.of(
            new Metric("Dataset", "*", "Size", 1234),
            new Metric("Column", "order_id", "Completeness", passed ? 1.0 : 0.98),
            new Metric("Column", "amount", "Mean", 42.125));
    return new QualityRun(
        runId,
        table,
        1000L + at.getEpochSecond(),
        at,
        QualityRun.outcomeOf(constraints),
        metrics,
        constraints);
  }

  public static LineageEvent lineage(
      String runId, Instant at, List<String> inputs, List<String> outputs) {
    String document =
        "{\"eventType\":\"COMPLETE\",\"run\":{\"runId\":\""
            + runId
            + "\"},\"job\":{\"name\":\"orders\"}}";
    return new LineageEvent(runId, "sales.orders_job", at, inputs, outputs, document);
  }

  public static JobRun jobRun(
      String runId, String product, TableId table, JobRun.Status status, Instant startedAt) {
    boolean ended = status != JobRun.Status.RUNNING;
    return new JobRun(
        runId,
        product,
        table,
        status,
        startedAt,
        ended ? startedAt.plusSeconds(90) : null,
        ended ? 77L : null,
        ended ? "done: " + status : null,
        ended ? "{\"run\":\"" + runId + "\",\"rows\":1234}" : null);
  }

  /** A complete, successful run publishing {@code snapshotId} to {@code id}. */
  public static Publication publication(String runId, TableId id, long snapshotId, Instant at) {
    return new Publication(
        table(id, snapshotId),
        qualityRun(runId, id, at, true),
        lineage(runId, at, List.of("raw.orders"), List.of(id.qualifiedName())),
        jobRun(runId, PRODUCT, id, JobRun.Status.PUBLISHED, at));
  }

  /** Columns named in an order that no sorting would produce, to catch backends that reorder. */
  public static List<Column> manyColumns(int count) {
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int n = (i * 7) % count;
      columns.add(
          new Column(
              "c" + n + (n % 2 == 0 ? "_even" : "_odd"),
              n % 3 == 0 ? "map<string,array<int>>" : "decimal(" + (n + 1) + ",0)",
              n % 2 == 0,
              n % 5 == 0 ? "" : "comment «" + n + "»",
              n % 4 == 0));
    }
    return columns;
  }
}
