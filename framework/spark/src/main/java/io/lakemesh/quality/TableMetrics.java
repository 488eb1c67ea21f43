package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analysis;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Analyzers$;
import com.amazon.deequ.analyzers.ScanShareableAnalyzer;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.analyzers.StateLoader;
import com.amazon.deequ.analyzers.StatePersister;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.analyzers.runners.EmptyStateException;
import com.amazon.deequ.metrics.Metric;
import io.lakemesh.quality.TableStates.KeyState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.Option;

/**
 * The metrics of a whole table from the aggregation of the rows a change brought ({@link ScanPlan})
 * and the states stored for the table before ({@link TableChange}). What cannot be derived that way
 * is measured in one Deequ run over the table, which shares a single scan among its scan-shareable
 * analyzers and groups once per key.
 */
final class TableMetrics {
  private TableMetrics() {}

  /**
   * The metrics, the states of the table they describe, and which analyzers took a pass, each with
   * the reason it could not be derived (by analyzer text; none when the whole gate was a pass).
   */
  record Measured(AnalyzerContext context, TableStates states, Map<String, String> passes) {
    List<String> passed() {
      return List.copyOf(passes.keySet());
    }
  }

  /**
   * @param table the table after the change, for what needs a pass
   * @param plan the aggregation that measured the new rows; null when there is none
   * @param newRows its result
   */
  static Measured of(
      Checks checks, Dataset<Row> table, ScanPlan plan, Row newRows, TableChange change) {
    return of(checks.analyzers(), checks.prepare(table), plan, newRows, change);
  }

  /** As above for any analyzers; {@code table} has the derived columns they read. */
  static Measured of(
      List<Analyzer<?, Metric<?>>> analyzers,
      Dataset<Row> table,
      ScanPlan plan,
      Row aggregated,
      TableChange change) {
    Row newRows = plan == null ? null : plan.layout(aggregated);
    MergedMetrics merged =
        plan != null && change.kind() == TableChange.Kind.MERGE
            ? MergedMetrics.of(plan, newRows, change)
            : null;
    TableStates after = TableStates.empty();
    Map<Analyzer<?, Metric<?>>, Metric<?>> metrics = new LinkedHashMap<>();
    Map<String, String> passes = new LinkedHashMap<>();
    List<Analyzer<?, Metric<?>>> pass = new ArrayList<>();
    for (Analyzer<?, Metric<?>> analyzer : analyzers) {
      Integer offset = plan == null ? null : plan.offsets().get(analyzer);
      KeyProof.Plan key = plan == null ? null : plan.keys().get(analyzer);
      String refusal;
      if (offset != null && scanFromRows(analyzer, change)) {
        metrics.put(analyzer, fromAggregation(analyzer, newRows, offset, change, after));
        continue;
      } else if (offset != null && merged != null) {
        MergedMetrics.Outcome outcome = merged.metric(analyzer, offset, after);
        if (outcome.refusal() == null) {
          metrics.put(analyzer, outcome.metric());
          continue;
        }
        refusal = outcome.refusal();
      } else if (key != null) {
        Uniqueness uniqueness = (Uniqueness) (Object) analyzer;
        Optional<KeyState> state = keyState(key.read(newRows), change, uniqueness);
        if (state.isPresent() && state.get().unique()) {
          after.key(analyzer, state.get());
          metrics.put(analyzer, unique(uniqueness, state.get().empty()));
          continue;
        }
        refusal = "the new rows do not prove the key unique in the table";
      } else if (offset != null) {
        refusal = "no state was stored for the table before";
      } else {
        refusal =
            plan == null
                ? "the new rows were not measured"
                : "the new rows' measure cannot stand for it";
      }
      pass.add(analyzer);
      passes.put(analyzer.toString(), refusal);
    }
    if (!pass.isEmpty()) {
      metrics.putAll(pass(table, pass, after));
    }
    return new Measured(new AnalyzerContext(Scala.map(metrics)), after, passes);
  }

  /** A full measurement, keeping the states: what a gate without new-row metrics does. */
  static Measured of(Checks checks, Dataset<Row> table) {
    return of(checks, table, null, null, TableChange.replace());
  }

  /** Scan metrics come from the new rows when they are the table, or add to a stored state. */
  private static boolean scanFromRows(Analyzer<?, Metric<?>> analyzer, TableChange change) {
    return switch (change.kind()) {
      case REPLACE -> true;
      case APPEND -> change.before().covers(List.of(analyzer));
      case MERGE -> false;
    };
  }

  /** Deequ's own step: state from the aggregation result, merged with the stored one, persisted. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Metric<?> fromAggregation(
      Analyzer<?, Metric<?>> analyzer,
      Row result,
      int offset,
      TableChange change,
      TableStates after) {
    ScanShareableAnalyzer<State<?>, Metric<?>> shareable = (ScanShareableAnalyzer) analyzer;
    Option<StateLoader> before =
        change.kind() == TableChange.Kind.APPEND ? Option.apply(change.before()) : Option.empty();
    try {
      Metric<?> metric =
          shareable.metricFromAggregationResult(
              result, offset, before, Option.apply((StatePersister) after));
      remember(analyzer, metric, after);
      return metric;
    } catch (Exception e) { // as Deequ's runner: a metric that cannot be computed is a failed one
      return shareable.toFailureMetric(e);
    }
  }

  /** What the change leaves known of a key, when the new rows' proof and stored state tell. */
  private static Optional<KeyState> keyState(
      KeyProof proof, TableChange change, Uniqueness analyzer) {
    boolean noNewKeys = proof.rows() == 0;
    if (change.kind() == TableChange.Kind.REPLACE) {
      return Optional.of(new KeyState(proof.unique(), noNewKeys));
    }
    Optional<KeyState> before = change.before().key(analyzer);
    if (before.isEmpty() || !before.get().unique() || !proof.unique()) {
      return Optional.empty();
    }
    boolean empty = before.get().empty() && noNewKeys;
    if (change.kind() == TableChange.Kind.APPEND) {
      boolean apart =
          noNewKeys
              || before.get().empty()
              || !change.collisions().any(proof.columns(), proof.lows(), proof.highs());
      return apart ? Optional.of(new KeyState(true, empty)) : Optional.empty();
    }
    // A merge replaces the row of each matching key; a key with a null part never matches.
    boolean mergeKey = new HashSet<>(proof.columns()).equals(new HashSet<>(change.mergeKeys()));
    return mergeKey && proof.partialNulls() == 0
        ? Optional.of(new KeyState(true, empty))
        : Optional.empty();
  }

  /** The metric Deequ reports for a key whose every value occurs once (or with no values). */
  private static Metric<?> unique(Uniqueness analyzer, boolean empty) {
    if (empty) {
      return analyzer.computeMetricFrom(Option.empty());
    }
    String instance = String.join(",", Scala.java(analyzer.columns()));
    return Analyzers$.MODULE$.metricFromValue(
        1.0,
        "Uniqueness",
        instance,
        Analyzers$.MODULE$.entityFrom(analyzer.columns()),
        Option.empty());
  }

  private static Map<Analyzer<?, Metric<?>>, Metric<?>> pass(
      Dataset<Row> table, List<Analyzer<?, Metric<?>>> analyzers, TableStates after) {
    AnalyzerContext measured =
        new Analysis(Scala.seq(analyzers))
            .run(table, Option.empty(), Option.apply(after), StorageLevel.MEMORY_AND_DISK());
    Map<Analyzer<?, Metric<?>>, Metric<?>> metrics = Scala.java(measured.metricMap());
    metrics.forEach((analyzer, metric) -> remember(analyzer, metric, after));
    return metrics;
  }

  /**
   * What a metric leaves known for the next change, beyond the states Deequ persisted: that a scan
   * found nothing to measure (so there is no state, rightly), and a key's uniqueness.
   */
  private static void remember(
      Analyzer<?, Metric<?>> analyzer, Metric<?> metric, TableStates after) {
    boolean empty =
        metric.value().isFailure() && metric.value().failed().get() instanceof EmptyStateException;
    if ((Object) analyzer instanceof Uniqueness) {
      if (empty) {
        after.key(analyzer, new KeyState(true, true));
      } else if (metric.value().isSuccess()) {
        after.key(
            analyzer, new KeyState(((Number) metric.value().get()).doubleValue() == 1.0, false));
      }
    } else if (empty) {
      after.cover(analyzer);
    }
  }
}
