package io.lakemesh.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Maximum;
import com.amazon.deequ.analyzers.Minimum;
import com.amazon.deequ.analyzers.PatternMatch;
import com.amazon.deequ.analyzers.Preconditions$;
import com.amazon.deequ.analyzers.ScanShareableAnalyzer;
import com.amazon.deequ.analyzers.State;
import com.amazon.deequ.analyzers.Uniqueness;
import com.amazon.deequ.metrics.Metric;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * What of a gate can be measured in one aggregation over the new rows, and how: the aggregation
 * functions of every scan-shareable Deequ analyzer (Deequ's own, so a state read back from the
 * result is the state Deequ's scan would have computed) and, for each uniqueness rule, a {@link
 * KeyHashes key proof}. The aggregation runs wherever the new rows flow: attached to the write with
 * {@code Dataset.observe}, or over an incremental read of the rows a snapshot added. It is computed
 * as an {@link Aggregation}: over the rows as they are (no projection in front of the write or
 * behind it), each distinct aggregate once.
 *
 * <p>The first aggregate counts the rows, so that of several observations of one plan (a MERGE
 * scans its source twice) the caller can keep the one that saw all of them.
 */
public final class ScanPlan {
  /** Keys above this many are not proven in memory but grouped in a pass (8 bytes a key). */
  static final int KEY_PROOF_LIMIT = 1 << 25;

  private final Map<ScanShareableAnalyzer<State<?>, Metric<?>>, Integer> offsets;
  private final Map<Uniqueness, KeyProof.Plan> keys;
  private final KeyRange.Plan mergeRange;
  private final Aggregation aggregation;

  /** The aggregation with the key proofs' and the key range's aggregates left null. */
  private final Aggregation scans;

  private ScanPlan(
      Map<String, Column> derived,
      Map<ScanShareableAnalyzer<State<?>, Metric<?>>, Integer> offsets,
      Map<Uniqueness, KeyProof.Plan> keys,
      KeyRange.Plan mergeRange,
      List<Column> aggregates,
      Set<Integer> notScans) {
    this.offsets = offsets;
    this.keys = keys;
    this.mergeRange = mergeRange;
    this.aggregation = Aggregation.of(aggregates, derived);
    List<Column> scanOnly = new ArrayList<>(aggregates);
    notScans.forEach(i -> scanOnly.set(i, lit(null)));
    this.scans = Aggregation.of(scanOnly, derived);
  }

  /**
   * The plan for these checks over rows shaped like {@code data}; analyses, runs nothing. With
   * {@code mergeKeys}, it also finds the batch's {@link KeyRange} on them.
   */
  static ScanPlan of(Checks checks, Dataset<Row> data, List<String> mergeKeys, boolean bounds) {
    return of(checks.analyzers(), checks.derivedColumns(), data, mergeKeys, bounds);
  }

  static ScanPlan of(
      List<Analyzer<?, Metric<?>>> analyzers, Map<String, Column> derived, Dataset<Row> data) {
    return of(analyzers, derived, data, List.of(), true);
  }

  /** The plan for these analyzers, which read {@code data} with the derived columns added. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static ScanPlan of(
      List<Analyzer<?, Metric<?>>> analyzers,
      Map<String, Column> derived,
      Dataset<Row> data,
      List<String> mergeKeys,
      boolean keyBounds) {
    StructType schema = data.schema();
    StructType measured = derived.isEmpty() ? schema : data.withColumns(derived).schema();
    List<Column> aggregates = new ArrayList<>(List.of(count(lit(1))));
    Map<ScanShareableAnalyzer<State<?>, Metric<?>>, Integer> offsets = new LinkedHashMap<>();
    Map<Uniqueness, KeyProof.Plan> keys = new LinkedHashMap<>();
    Set<Integer> notScans = new HashSet<>();
    for (Analyzer<?, Metric<?>> analyzer : analyzers) {
      if (!Preconditions$.MODULE$.findFirstFailing(measured, analyzer.preconditions()).isEmpty()) {
        continue; // measured in the pass, where Deequ reports the failed precondition itself
      }
      if (analyzer instanceof ScanShareableAnalyzer shareable) {
        offsets.put(shareable, aggregates.size());
        aggregates.addAll(aggregationFunctions(shareable, measured));
      } else if ((Object) analyzer instanceof Uniqueness u && provable(u, schema)) {
        List<String> columns = Scala.java(u.columns());
        keys.put(u, new KeyProof.Plan(columns, aggregates.size()));
        addOthers(aggregates, keyAggregates(columns, keyBounds), notScans);
      }
    }
    KeyRange.Plan range = null;
    if (!mergeKeys.isEmpty()) {
      range = new KeyRange.Plan(mergeKeys, aggregates.size());
      addOthers(aggregates, KeyRange.Plan.aggregates(mergeKeys), notScans);
    }
    return new ScanPlan(derived, offsets, keys, range, aggregates, notScans);
  }

  private static void addOthers(List<Column> aggregates, List<Column> others, Set<Integer> at) {
    for (Column c : others) {
      at.add(aggregates.size());
      aggregates.add(c);
    }
  }

  /**
   * Deequ's aggregation functions of the analyzer, except for an extreme of an integer column:
   * Deequ selects each value through a one-row array of strings ({@code element_at(array('InScope
   * Data', CAST(v AS STRING)), 2)}) and casts it back to a double, which costs more than the rest
   * of the write's projection. The double of an integer's decimal text is the double of the integer
   * (both are the nearest double to the same number), so {@code max(CAST(v AS DOUBLE))} yields
   * exactly the value Deequ's aggregation would, and Deequ reads its state from it. A pattern's
   * test is made cheaper where it cannot change a count ({@link PatternAggregates}).
   */
  private static List<Column> aggregationFunctions(
      ScanShareableAnalyzer<State<?>, Metric<?>> analyzer, StructType measured) {
    Object a = analyzer;
    if (a instanceof PatternMatch p) {
      return PatternAggregates.of(p);
    }
    if (a instanceof Maximum m
        && plainIntegerColumn(m.column(), m.where(), m.analyzerOptions(), measured)) {
      return List.of(max(col(m.column()).cast(DataTypes.DoubleType)));
    }
    if (a instanceof Minimum m
        && plainIntegerColumn(m.column(), m.where(), m.analyzerOptions(), measured)) {
      return List.of(min(col(m.column()).cast(DataTypes.DoubleType)));
    }
    return Scala.java(analyzer.aggregationFunctions());
  }

  private static boolean plainIntegerColumn(
      String column, Option<String> where, Option<?> options, StructType measured) {
    return where.isEmpty()
        && options.isEmpty()
        && Arrays.stream(measured.fields())
            .anyMatch(f -> f.name().equals(column) && f.dataType() instanceof IntegralType);
  }

  /**
   * A key is proven by hashing its values; floating-point keys are left to the grouping pass,
   * because grouping treats 0.0 and -0.0 (and every NaN) as one value while their bits differ.
   */
  private static boolean provable(Uniqueness u, StructType schema) {
    if (u.where().isDefined()) {
      return false;
    }
    for (String c : Scala.java(u.columns())) {
      StructField field =
          Arrays.stream(schema.fields()).filter(f -> f.name().equals(c)).findFirst().orElse(null);
      if (field == null
          || field.dataType() instanceof DoubleType
          || field.dataType() instanceof FloatType) {
        return false;
      }
    }
    return true;
  }

  /** Nothing to measure: the checks need no metric at all. */
  public boolean isEmpty() {
    return offsets.isEmpty() && keys.isEmpty();
  }

  /** The aggregate columns, over rows shaped like the data the plan was made for. */
  public Column[] aggregates() {
    return aggregation.aggregates().toArray(Column[]::new);
  }

  /**
   * The aggregation run over {@code rows} in a job of its own; its result, as observed ones are.
   */
  public Row aggregate(Dataset<Row> rows) {
    return aggregation.over(rows);
  }

  /**
   * The analyzers' aggregates alone over {@code rows}, laid out as {@link #layout} does, with the
   * key proofs and the key range null: what a table's stored states are brought forward with,
   * without hashing every key of the rows read.
   */
  Row aggregateScans(Dataset<Row> rows) {
    return scans.layout(scans.over(rows));
  }

  /** How many rows the aggregation saw, from its result. */
  public static long rows(Row result) {
    return result.getLong(0);
  }

  /** The aggregation's result with every analyzer's values at its {@link #offsets offset}. */
  Row layout(Row result) {
    return aggregation.layout(result);
  }

  Map<ScanShareableAnalyzer<State<?>, Metric<?>>, Integer> offsets() {
    return offsets;
  }

  Map<Uniqueness, KeyProof.Plan> keys() {
    return keys;
  }

  /** Where the batch's merge key range is in the laid-out result; null when not asked for. */
  KeyRange.Plan mergeRange() {
    return mergeRange;
  }

  /** Rows with a value in at least one key column: the rows Deequ's uniqueness counts. */
  static Column anyValue(List<String> columns) {
    return columns.stream().map(c -> col(c).isNotNull()).reduce(Column::or).orElseThrow();
  }

  /** Aggregates of one key: rows with a value, rows with some column null, the proof, bounds. */
  static List<Column> keyAggregates(List<String> columns, boolean bounds) {
    Column any = anyValue(columns);
    Column someNull = columns.stream().map(c -> col(c).isNull()).reduce(Column::or).orElseThrow();
    List<Column> hashed = new ArrayList<>();
    for (String c : columns) {
      hashed.add(col(c));
      if (columns.size() > 1) {
        hashed.add(col(c).isNull()); // (a, null) and (null, a) must not hash alike
      }
    }
    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(when(any, 1L).otherwise(0L)));
    aggregates.add(sum(when(any.and(someNull), 1L).otherwise(0L)));
    aggregates.add(
        KeyHashes.of(when(any, xxhash64(hashed.toArray(Column[]::new))), KEY_PROOF_LIMIT));
    for (String c : columns) {
      aggregates.add(bounds ? min(col(c)) : lit(null));
      aggregates.add(bounds ? max(col(c)) : lit(null));
    }
    return aggregates;
  }
}
