package io.lakemesh.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.lakemesh.catalog.ColumnMentions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Counts the rows behind each failed row-level rule and shows one, so a failure reads "currency: 3
 * of 500 rows not in (USD, EUR, GBP)" with the example 'JPY'. The message carries counts only; the
 * example, the values of the rule's own columns and never a whole row, goes to the result's
 * examples, which only the owning producer and the governance account are shown. Only failed rules
 * are looked at, so a passing gate pays nothing; the failed value rules share one aggregation, and
 * each failed uniqueness rule adds one grouping.
 */
final class FailureExamples {
  private static final String COUNT = "__lakemesh_count";

  private FailureExamples() {}

  static List<Verdict> explain(Dataset<Row> data, List<Verdict> verdicts) {
    List<Verdict> failed =
        verdicts.stream().filter(v -> v.failed() && v.violations().isPresent()).toList();
    if (failed.isEmpty()) {
      return verdicts;
    }
    List<Column> aggregates = new ArrayList<>();
    for (Verdict v : failed) {
      if (v.violations().get() instanceof Violations.Rows rows) {
        aggregates.add(sum(when(rows.violating(), 1).otherwise(0)));
        aggregates.add(first(when(rows.violating(), example(data, rows)), true));
      }
    }
    Row counted = data.agg(count(lit(1)), aggregates.toArray(Column[]::new)).first();
    long total = counted.getLong(0);

    List<Verdict> explained = new ArrayList<>();
    int next = 1;
    for (Verdict v : verdicts) {
      if (!failed.contains(v)) {
        explained.add(v);
      } else if (v.violations().get() instanceof Violations.Rows rows) {
        Object example = counted.get(next + 1);
        explained.add(
            explain(
                v,
                rows(rows, total, counted, next),
                example == null ? null : Formats.example(example)));
        next += 2;
      } else {
        explained.add(duplicates(data, v, (Violations.DuplicateKeys) v.violations().get(), total));
      }
    }
    return explained;
  }

  private static Verdict explain(Verdict verdict, String clause, String examples) {
    return verdict.explained(clause + " (" + verdict.result().message() + ")", examples);
  }

  /**
   * What to show of a violating row: the rule's own column, or for a predicate the columns it names
   * (all of the data's columns it mentions as words); null when there is nothing to show.
   */
  private static Column example(Dataset<Row> data, Violations.Rows rows) {
    if (rows.predicate() == null) {
      return rows.example() == null ? lit(null) : rows.example();
    }
    Column[] named =
        ColumnMentions.in(rows.predicate(), Arrays.asList(data.columns())).stream()
            .map(c -> col(Formats.quoted(c)))
            .toArray(Column[]::new);
    return named.length == 0 ? lit(null) : struct(named);
  }

  private static String rows(Violations.Rows rows, long total, Row counted, int at) {
    long violating = counted.isNullAt(at) ? 0 : counted.getLong(at);
    return (rows.subject() == null ? "" : rows.subject() + ": ")
        + violating
        + " of "
        + total
        + " rows "
        + rows.phrase();
  }

  /** Keys with all columns null are left out, as Deequ's uniqueness leaves them out. */
  private static Verdict duplicates(
      Dataset<Row> data, Verdict verdict, Violations.DuplicateKeys keys, long total) {
    Column[] columns = keys.columns().stream().map(c -> col(c)).toArray(Column[]::new);
    Column anyKey =
        keys.columns().stream().map(c -> col(c).isNotNull()).reduce(Column::or).orElseThrow();
    Row found =
        data.where(anyKey)
            .groupBy(columns)
            .agg(count(lit(1)).as(COUNT))
            .where(col(COUNT).gt(1))
            .agg(sum(COUNT), max_by(struct(columns), col(COUNT)), max(COUNT))
            .first();
    String subject =
        keys.columns().size() == 1 ? keys.columns().get(0) : Formats.list(keys.columns());
    if (found.isNullAt(0)) {
      return explain(
          verdict, subject + ": no duplicated values found among " + total + " rows", null);
    }
    return explain(
        verdict,
        subject
            + ": "
            + found.getLong(0)
            + " of "
            + total
            + " rows share their value with another row",
        Formats.key(found.getStruct(1)) + " in " + found.getLong(2) + " rows");
  }
}
