package io.lakemesh.quality;

import static io.lakemesh.quality.DeequComparison.NUMERIC;
import static io.lakemesh.quality.DeequComparison.allNull;
import static io.lakemesh.quality.DeequComparison.assertSameMetrics;
import static io.lakemesh.quality.DeequComparison.assertVerifiedAsDeequ;
import static io.lakemesh.quality.DeequComparison.collisions;
import static io.lakemesh.quality.DeequComparison.gate;
import static io.lakemesh.quality.DeequComparison.orders;
import static io.lakemesh.quality.DeequComparison.stored;
import static io.lakemesh.quality.DeequComparison.withNulls;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.deequ.VerificationSuite;
import io.lakemesh.quality.DeequComparison.Written;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metrics measured while a batch is written, and table metrics merged from stored states, against a
 * plain Deequ {@link VerificationSuite} over the written data: every analyzer's metric within
 * floating-point tolerance, every constraint's status, and the gate's whole result ({@link
 * DeequComparison}).
 */
class InWriteMetricsTest {
  @TempDir Path dir;

  Written write(Dataset<Row> batch, ScanPlan plan, String name) {
    return DeequComparison.write(batch, plan, dir.resolve(name));
  }

  @Test
  void aWrittenBatchMeasuresAsDeequDoesForEveryRuleType() {
    for (boolean duplicates : List.of(false, true)) {
      Dataset<Row> batch = orders(0, 600, duplicates);
      ScanPlan plan = gate(batch).scanPlan();
      Written written = write(batch, plan, "batch-" + duplicates);

      Verification verification =
          assertVerifiedAsDeequ(written.rows(), plan, written, TableChange.replace());

      if (duplicates) {
        assertThat(verification.passed()).containsExactly("Uniqueness(List(order_id),None,None)");
      } else {
        assertThat(verification.passed()).as("a batch with unique keys needs no pass").isEmpty();
      }
    }
  }

  @Test
  void aPatternAndAFirstWriteWithoutKeyBoundsMeasureAsDeequDoes() {
    // Empty text, a match inside a longer value, lower case, a space, nulls: the pattern rule's
    // test is RLIKE in the write and regexp_extract in Deequ's pass.
    Dataset<Row> batch =
        orders(0, 300, false)
            .withColumn(
                "country",
                expr(
                    "CASE pmod(hash(order_id), 7) WHEN 0 THEN '' WHEN 1 THEN 'USA' WHEN 2 THEN 'u'"
                        + " WHEN 3 THEN NULL WHEN 4 THEN 'usa' WHEN 5 THEN 'D E' ELSE 'DE' END"));
    ScanPlan plan = gate(batch).scanPlanWithoutKeyBounds(List.of());
    Written written = write(batch, plan, "patterns");

    assertThat(assertVerifiedAsDeequ(written.rows(), plan, written, TableChange.replace()).passed())
        .as("a first write proves its key unique without the key's bounds")
        .isEmpty();
  }

  @Test
  void anEmptyBatchMeasuresAsDeequDoes() {
    Dataset<Row> batch = orders(0, 0, false);
    ScanPlan plan = gate(batch).scanPlan();
    Written written = write(batch, plan, "empty");

    assertThat(assertVerifiedAsDeequ(written.rows(), plan, written, TableChange.replace()).passed())
        .isEmpty();
  }

  @Test
  void anAppendMergedWithStoredStatesMeasuresAsDeequOverTheWholeTable() {
    ScanPlan plan = gate(orders(0, 1, false)).scanPlan();
    Written before = write(orders(0, 500, false), plan, "t1");
    Written added = write(orders(500, 100, false), plan, "t2");
    TableChange change =
        TableChange.append(stored(before, plan), collisions(before.rows(), added.rows()));

    Verification verification =
        assertVerifiedAsDeequ(before.rows().unionByName(added.rows()), plan, added, change);

    assertThat(verification.passed()).as("metrics from states, keys proven apart").isEmpty();
  }

  @Test
  void anAppendThatRepeatsAKeyIsMeasuredByAPass() {
    ScanPlan plan = gate(orders(0, 1, false)).scanPlan();
    Written before = write(orders(0, 500, false), plan, "r1");
    Written added = write(orders(450, 100, false), plan, "r2");
    TableChange change =
        TableChange.append(stored(before, plan), collisions(before.rows(), added.rows()));

    Verification verification =
        assertVerifiedAsDeequ(before.rows().unionByName(added.rows()), plan, added, change);

    assertThat(verification.passed()).contains("Uniqueness(List(order_id),None,None)");
  }

  @Test
  void aMergeOnTheKeyKeepsItUniqueAndMeasuresTheRestByAPass() {
    ScanPlan plan = gate(orders(0, 1, false)).scanPlan();
    Written before = write(orders(0, 500, false), plan, "m1");
    Written changed =
        write(orders(450, 100, false).withColumn("status", expr("'SHIPPED'")), plan, "m2");
    Dataset<Row> old = before.rows();
    Dataset<Row> table =
        old.join(
                changed.rows().select(col("order_id").as("k")),
                old.col("order_id").equalTo(col("k")),
                "left_anti")
            .unionByName(changed.rows());

    Verification verification =
        assertVerifiedAsDeequ(
            table, plan, changed, TableChange.merge(stored(before, plan), List.of("order_id")));

    assertThat(verification.passed()).doesNotContain("Uniqueness(List(order_id),None,None)");
  }

  @Test
  void sumMeanMinimumMaximumAndDeviationMeasureAsDeequDoes() {
    Dataset<Row> first = orders(0, 400, true);
    ScanPlan plan = ScanPlan.of(NUMERIC, Map.of(), first);
    Written before = write(first, plan, "n1");
    TableMetrics.Measured replaced =
        TableMetrics.of(NUMERIC, before.rows(), plan, before.observed(), TableChange.replace());
    assertSameMetrics(before.rows(), replaced);
    assertThat(replaced.passed()).isEmpty();

    Written added = write(orders(400, 50, false), plan, "n2");
    Dataset<Row> table = before.rows().unionByName(added.rows());
    TableStates stored = TableStates.fromJson(replaced.states().toJson());
    TableMetrics.Measured merged =
        TableMetrics.of(
            NUMERIC,
            table,
            plan,
            added.observed(),
            TableChange.append(stored, KeyCollisions.UNKNOWN));

    assertSameMetrics(table, merged);
    assertThat(merged.passed())
        .as("an approximate distinct count keeps no state to merge, so it is measured again")
        .containsExactly("ApproxCountDistinct(customer_id,None)");
  }

  @Test
  void nullsInNumericColumnsMeasureAsDeequDoesInTheWriteAndMergedWithStates() {
    ScanPlan plan = gate(orders(0, 1, false)).scanPlan();
    Written before = write(withNulls(orders(0, 500, false)), plan, "nulls1");
    assertVerifiedAsDeequ(before.rows(), plan, before, TableChange.replace());

    Written added = write(withNulls(orders(500, 100, false)), plan, "nulls2");
    TableChange change =
        TableChange.append(stored(before, plan), collisions(before.rows(), added.rows()));

    assertThat(
            assertVerifiedAsDeequ(before.rows().unionByName(added.rows()), plan, added, change)
                .passed())
        .as("nulls are counted in the states, not measured again")
        .isEmpty();
  }

  @Test
  void allNullNumericColumnsMeasureAsDeequDoesThenMergeWithValues() {
    ScanPlan rules = gate(orders(0, 1, false)).scanPlan();
    Written empty = write(allNull(orders(0, 300, false)), rules, "allnull-rules");
    assertVerifiedAsDeequ(empty.rows(), rules, empty, TableChange.replace());

    ScanPlan plan = ScanPlan.of(NUMERIC, Map.of(), orders(0, 1, false));
    Written before = write(allNull(orders(0, 300, false)), plan, "allnull1");
    TableMetrics.Measured replaced =
        TableMetrics.of(NUMERIC, before.rows(), plan, before.observed(), TableChange.replace());
    assertSameMetrics(before.rows(), replaced);

    Written added = write(withNulls(orders(300, 60, false)), plan, "allnull2");
    Dataset<Row> table = before.rows().unionByName(added.rows());
    TableStates stored = TableStates.fromJson(replaced.states().toJson());
    TableMetrics.Measured merged =
        TableMetrics.of(
            NUMERIC,
            table,
            plan,
            added.observed(),
            TableChange.append(stored, KeyCollisions.UNKNOWN));

    assertSameMetrics(table, merged);
  }

  @Test
  void statesSurviveTheirJson() {
    Dataset<Row> batch = orders(0, 300, false);
    ScanPlan plan = gate(batch).scanPlan();
    String json = stored(write(batch, plan, "json"), plan).toJson();

    assertThat(TableStates.fromJson(json).toJson()).isEqualTo(json);
    assertThat(json).contains("NumMatchesAndCount", "MaxState", "\"unique\" : true");
    assertThat(TableStates.fromJson("{\"format\": 99}").toJson()).doesNotContain("NumMatches");
  }
}
