package io.lakemesh.runtime;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.TableSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Quarantined rows re-submitted through the product's gate: those of one run or all, those matching
 * a predicate, with SQL fixes applied to columns. The rows that now pass are published; the
 * originals leave the quarantine table in the same run, and rows still failing are set aside again
 * with the rules they now break.
 *
 * @param run the run whose rows to release, or null for every run
 * @param where a SQL predicate on the quarantine table's columns, or null for every row
 * @param fixes column to SQL expression, applied to each released row
 */
public record QuarantineRelease(String run, String where, Map<String, String> fixes) {
  public QuarantineRelease {
    run = run == null ? null : RunIds.check(run);
    fixes = Collections.unmodifiableMap(new LinkedHashMap<>(fixes));
  }

  /** Parses {@code --set "col = expr"} options. */
  public static Map<String, String> fixes(List<String> sets) {
    Map<String, String> fixes = new LinkedHashMap<>();
    for (String s : sets) {
      int eq = s.indexOf('=');
      if (eq <= 0 || s.substring(eq + 1).isBlank()) {
        throw new InvalidConfigException(
            "--set", "expected \"column = SQL expression\", got '" + s + "'");
      }
      fixes.put(s.substring(0, eq).trim(), s.substring(eq + 1).trim());
    }
    return fixes;
  }

  /** The released rows' predicate on the quarantine table. */
  String selection() {
    List<String> parts = new ArrayList<>();
    if (run != null) {
      parts.add(QuarantineSplit.RUN_ID + " = '" + run + "'");
    }
    if (where != null && !where.isBlank()) {
      parts.add("(" + where + ")");
    }
    return parts.isEmpty() ? "TRUE" : String.join(" AND ", parts);
  }

  /** What the release is, for its batch key: the same release of the same rows is one batch. */
  String describe(Long quarantineSnapshot) {
    return "release of quarantine snapshot "
        + quarantineSnapshot
        + " where "
        + selection()
        + " set "
        + fixes;
  }

  /** The released rows with the fixes applied, in the contract's columns. */
  Dataset<Row> rows(SparkSession spark, String quarantineTable, ProductSpec spec) {
    List<String> columns = spec.schema().stream().map(ColumnSpec::name).toList();
    fixes.keySet().stream()
        .filter(c -> !columns.contains(c))
        .findFirst()
        .ifPresent(
            c -> {
              throw new InvalidConfigException(
                  "--set",
                  "column '"
                      + c
                      + "' is not in the schema contract of "
                      + spec.id()
                      + " (columns: "
                      + String.join(", ", columns)
                      + ")");
            });
    List<Column> out = new ArrayList<>();
    for (String c : columns) {
      out.add(
          fixes.containsKey(c)
              ? expr(fixes.get(c)).cast(spec.schema().get(columns.indexOf(c)).type()).as(c)
              : col(c));
    }
    return spark.table(quarantineTable).where(selection()).select(out.toArray(Column[]::new));
  }

  /**
   * How the released rows are written: in the product's mode, except that an overwrite appends,
   * since the rows belong with the batch already published rather than replacing it.
   */
  static TableSpec target(TableSpec table) {
    return table.mode() != TableSpec.WriteMode.OVERWRITE
        ? table
        : new TableSpec(
            table.database(),
            table.name(),
            table.partitioning(),
            TableSpec.WriteMode.APPEND,
            table.keys());
  }
}
