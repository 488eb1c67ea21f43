package io.lakemesh.quality;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Compliance;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Mean;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.Sum;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalysisRunner;
import com.amazon.deequ.metrics.Metric;
import io.lakemesh.testing.SharedSpark;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import scala.Option;

/**
 * A merge verified from the table's stored states and the batch's key range, on merges of every
 * kind, against values worked out by hand and against a full Deequ pass over the merged table; and
 * again from the rows the merge replaced, as a merge-on-read write marks them, against the pass.
 *
 * <p>The table before the merge (five rows, one without a key):
 *
 * <pre>
 * order_id customer_id quantity unit_price
 * O1       C1          2        10.00
 * O2       null        1         5.00
 * O3       C3          4         2.50
 * O4       C4          3         7.00
 * null     C5          1         1.00
 * </pre>
 */
class MergeVerificationTest {
  private static final StructType SCHEMA =
      StructType.fromDDL(
          "order_id STRING, customer_id STRING, quantity INT, unit_price DECIMAL(12,2)");
  private static final List<String> KEY = List.of("order_id");

  private static final Analyzer<?, Metric<?>> SIZE = analyzer(new Size(Option.empty()));
  private static final Analyzer<?, Metric<?>> COMPLETE =
      analyzer(new Completeness("customer_id", Option.empty(), Option.empty()));
  private static final Analyzer<?, Metric<?>> COMPLIANT =
      analyzer(
          new Compliance(
              "quantity at least 2",
              "quantity >= 2",
              Option.empty(),
              Scala.seq(List.of("quantity")),
              Option.empty()));
  private static final Analyzer<?, Metric<?>> SUM = analyzer(new Sum("quantity", Option.empty()));
  private static final Analyzer<?, Metric<?>> MEAN =
      analyzer(new Mean("unit_price", Option.empty()));
  private static final Analyzer<?, Metric<?>> MIN =
      analyzer(new Minimum("unit_price", Option.empty(), Option.empty()));
  private static final Analyzer<?, Metric<?>> MAX =
      analyzer(new Maximum("quantity", Option.empty(), Option.empty()));
  private static final Analyzer<?, Metric<?>> UNIQUE =
      analyzer(new Uniqueness(Scala.seq(KEY), Option.empty(), Option.empty()));
  private static final List<Analyzer<?, Metric<?>>> ANALYZERS =
      List.of(SIZE, COMPLETE, COMPLIANT, SUM, MEAN, MIN, MAX, UNIQUE);

  private static final List<Row> BEFORE =
      List.of(
          order("O1", "C1", 2, "10.00"),
          order("O2", null, 1, "5.00"),
          order("O3", "C3", 4, "2.50"),
          order("O4", "C4", 3, "7.00"),
          order(null, "C5", 1, "1.00"));

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> analyzer(Object analyzer) {
    return (Analyzer) analyzer;
  }

  private static Row order(String id, String customer, int quantity, String price) {
    return RowFactory.create(id, customer, quantity, new BigDecimal(price));
  }

  private static Dataset<Row> rows(List<Row> rows) {
    return SharedSpark.session().createDataFrame(rows, SCHEMA);
  }

  /**
   * The merge as {@code MERGE INTO t USING s ON t.order_id = s.order_id}: a null key never matches.
   */
  private static Dataset<Row> merged(Dataset<Row> table, Dataset<Row> batch) {
    Dataset<Row> keys = batch.select(col("order_id").as("k"));
    return table
        .join(keys, table.col("order_id").equalTo(keys.col("k")), "left_anti")
        .unionByName(batch);
  }

  private static Row aggregate(ScanPlan plan, Dataset<Row> data) {
    return plan.aggregate(data);
  }

  /** Merges the batch into {@link #BEFORE} and verifies it as a run does, from stored states. */
  private static TableMetrics.Measured merge(List<Row> batchRows) {
    Dataset<Row> before = rows(BEFORE);
    Dataset<Row> batch = rows(batchRows);
    ScanPlan plan = ScanPlan.of(ANALYZERS, Map.of(), batch, KEY, false);
    TableMetrics.Measured first =
        TableMetrics.of(ANALYZERS, before, plan, aggregate(plan, before), TableChange.replace());
    TableStates stored = TableStates.fromJson(first.states().toJson());
    Dataset<Row> after = merged(before, batch);
    TableMetrics.Measured measured =
        TableMetrics.of(
            ANALYZERS, after, plan, aggregate(plan, batch), change(stored, before, after, null));
    assertSameAsAFullPass(after, measured);
    // As a merge-on-read write tells them: the rows of the batch's keys, matched as the MERGE does.
    Dataset<Row> replaced =
        before.join(
            batch.select(col("order_id").as("k")),
            before.col("order_id").equalTo(col("k")),
            "left_semi");
    assertSameAsAFullPass(
        after,
        TableMetrics.of(
            ANALYZERS,
            after,
            plan,
            aggregate(plan, batch),
            change(TableStates.fromJson(first.states().toJson()), before, after, replaced)));
    return measured;
  }

  /**
   * The merge's change; {@code replaced} null where the write did not mark the rows it replaced.
   */
  private static TableChange change(
      TableStates stored, Dataset<Row> before, Dataset<Row> after, Dataset<Row> replaced) {
    return TableChange.merge(
        stored,
        KEY,
        new TableChange.Versions() {
          @Override
          public Dataset<Row> before() {
            return before;
          }

          @Override
          public Dataset<Row> after() {
            return after;
          }

          @Override
          public Dataset<Row> replaced() {
            return replaced;
          }
        });
  }

  private static void assertSameAsAFullPass(Dataset<Row> table, TableMetrics.Measured measured) {
    Map<Analyzer<?, Metric<?>>, Metric<?>> deequ =
        Scala.java(
            AnalysisRunner.onData(table).addAnalyzers(Scala.seq(ANALYZERS)).run().metricMap());
    Map<Analyzer<?, Metric<?>>, Metric<?>> ours = Scala.java(measured.context().metricMap());
    for (Analyzer<?, Metric<?>> analyzer : ANALYZERS) {
      DeequComparison.assertSameMetric(analyzer, ours.get(analyzer), deequ.get(analyzer));
    }
  }

  private static Map<Analyzer<?, Metric<?>>, Double> values(TableMetrics.Measured measured) {
    Map<Analyzer<?, Metric<?>>, Double> values = new LinkedHashMap<>();
    Scala.java(measured.context().metricMap())
        .forEach((a, m) -> values.put(a, ((Number) m.value().get()).doubleValue()));
    return values;
  }

  private static void assertValues(TableMetrics.Measured measured, double... expected) {
    Map<Analyzer<?, Metric<?>>, Double> values = values(measured);
    for (int i = 0; i < ANALYZERS.size(); i++) {
      assertThat(values.get(ANALYZERS.get(i)))
          .as(ANALYZERS.get(i).toString())
          .isCloseTo(expected[i], within(1e-9));
    }
  }

  @Test
  void updatesOnlyIncludingAValueThatWasNull() {
    // O2's customer goes from null to C2, O4's quantity and price change.
    TableMetrics.Measured measured =
        merge(List.of(order("O2", "C2", 2, "6.00"), order("O4", "C4", 1, "8.00")));

    // size, completeness, compliance, sum, mean, min, max, uniqueness
    assertValues(measured, 5, 5 / 5.0, 3 / 5.0, 10, 27.5 / 5, 1.0, 4, 1.0);
    assertThat(measured.passes()).as("every metric from the states and the key range").isEmpty();
  }

  @Test
  void insertsOnly() {
    TableMetrics.Measured measured =
        merge(List.of(order("O5", "C5", 5, "3.00"), order("O6", null, 2, "4.00")));

    assertValues(measured, 7, 5 / 7.0, 5 / 7.0, 18, 32.5 / 7, 1.0, 5, 1.0);
    assertThat(measured.passes()).isEmpty();
  }

  @Test
  void updatesAndInsertsWhereAReplacedRowHeldTheMaximum() {
    // O3 held the largest quantity (4) and now has 1; O7 is new.
    TableMetrics.Measured measured =
        merge(List.of(order("O3", "C3", 1, "2.50"), order("O7", "C7", 3, "9.00")));

    assertValues(measured, 6, 5 / 6.0, 3 / 6.0, 11, 34.5 / 6, 1.0, 3, 1.0);
    assertThat(measured.passes())
        .as("only the maximum is measured again, and the report says why")
        .containsExactly(entry(MAX.toString(), MergedState.MAXIMUM));
  }

  @Test
  void aBatchRowWithoutAKeyIsInsertedBesideTheTablesOwn() {
    // A null key matches nothing, not even the table's row without a key: both stay.
    TableMetrics.Measured measured =
        merge(List.of(order(null, "C8", 2, "0.50"), order("O1", "C1", 2, "11.00")));

    assertValues(measured, 6, 5 / 6.0, 4 / 6.0, 13, 27.0 / 6, 0.5, 4, 1.0);
    assertThat(measured.passes()).isEmpty();
  }

  @Test
  void aMergeWhoseTableVersionsCannotBeReadTakesAPassAndSaysWhy() {
    Dataset<Row> before = rows(BEFORE);
    Dataset<Row> batch = rows(List.of(order("O2", "C2", 2, "6.00")));
    ScanPlan plan = ScanPlan.of(ANALYZERS, Map.of(), batch, KEY, false);
    TableStates stored =
        TableMetrics.of(ANALYZERS, before, plan, aggregate(plan, before), TableChange.replace())
            .states();
    Dataset<Row> after = merged(before, batch);

    TableMetrics.Measured measured =
        TableMetrics.of(
            ANALYZERS, after, plan, aggregate(plan, batch), TableChange.merge(stored, KEY));

    assertSameAsAFullPass(after, measured);
    assertThat(measured.passes())
        .containsEntry(SUM.toString(), "the merge's key range is not known")
        .doesNotContainKey(UNIQUE.toString());
  }
}
