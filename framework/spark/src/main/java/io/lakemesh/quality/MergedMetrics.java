package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.ScanShareableAnalyzer;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.metrics.Metric;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.Option;

/**
 * The scan metrics of a table after a merge, without a pass over the table: the plan's aggregation
 * runs over the batch's {@link KeyRange} in the table before the merge and after it (one read of
 * each, over the data files whose key bounds overlap the range), or, where the write marked the
 * rows it replaced, over those rows alone, the batch's aggregation standing for the range after;
 * each analyzer's stored state is brought forward by {@link MergedState}. The two reads happen on
 * the first analyzer that needs them, so a gate that needs none reads nothing.
 */
final class MergedMetrics {
  /** An analyzer's metric, or why the merge cannot give it (then it takes a pass). */
  record Outcome(Metric<?> metric, String refusal) {}

  private final ScanPlan plan;
  private final TableChange change;
  private final KeyRange range;
  private final String unavailable;
  private final Row newRows;

  /** The aggregation of the rows the merge took out, and of those it put in. */
  private Row removed;

  private Row added;

  private MergedMetrics(
      ScanPlan plan, TableChange change, KeyRange range, String unavailable, Row newRows) {
    this.plan = plan;
    this.newRows = newRows;
    this.change = change;
    this.range = range;
    this.unavailable = unavailable;
  }

  /**
   * @param newRows the plan's laid-out aggregation of the batch
   */
  static MergedMetrics of(ScanPlan plan, Row newRows, TableChange change) {
    KeyRange.Plan ranged = plan.mergeRange();
    if (change.versions() == null || ranged == null) {
      return new MergedMetrics(plan, change, null, "the merge's key range is not known", newRows);
    }
    if (!ranged.columns().equals(change.mergeKeys())) {
      return new MergedMetrics(
          plan, change, null, "the batch was measured on other keys than the merge's", newRows);
    }
    String problem = KeyRange.problem(ranged.columns(), change.versions().after().schema());
    return new MergedMetrics(
        plan, change, problem == null ? ranged.read(newRows) : null, problem, newRows);
  }

  /** The analyzer's metric after the merge, its state kept in {@code after}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  Outcome metric(Analyzer<?, Metric<?>> analyzer, int offset, TableStates after) {
    if (range == null) {
      return new Outcome(null, unavailable);
    }
    if (!change.before().covers(List.of(analyzer))) {
      return new Outcome(null, "no state was stored for the table before");
    }
    read();
    ScanShareableAnalyzer<State<?>, Metric<?>> shareable = (ScanShareableAnalyzer) analyzer;
    MergedState merged;
    try {
      merged =
          MergedState.of(
              (Option) change.before().load(shareable),
              (Option) shareable.fromAggregationResult(removed, offset),
              (Option) shareable.fromAggregationResult(added, offset));
    } catch (RuntimeException e) { // a value Deequ cannot read as its state: measure afresh
      return new Outcome(null, "its state could not be read: " + e.getMessage());
    }
    if (!merged.isDerived()) {
      return new Outcome(null, merged.refusal());
    }
    if (merged.state() == null) {
      after.cover(analyzer);
    } else {
      after.persist((Analyzer) analyzer, (State) merged.state());
    }
    try {
      return new Outcome(shareable.computeMetricFrom(Option.apply(merged.state())), null);
    } catch (
        RuntimeException e) { // as Deequ's runner: a metric that cannot be computed is a failed one
      return new Outcome(shareable.toFailureMetric(e), null);
    }
  }

  private void read() {
    if (removed == null) {
      Dataset<Row> replaced = change.versions().replaced();
      if (replaced != null) { // the replaced rows out, the batch in
        removed = aggregate(replaced);
        added = newRows;
      } else { // the range as it was out, the range as it is in
        removed = aggregate(change.versions().before());
        added = aggregate(change.versions().after());
      }
    }
  }

  private Row aggregate(Dataset<Row> table) {
    return plan.aggregateScans(table.where(range.rows()));
  }
}
