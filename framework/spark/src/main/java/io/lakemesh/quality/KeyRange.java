package io.lakemesh.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The range of a merge key that holds every row a merge of a batch can have changed. A merge on
 * {@code t.k = s.k} replaces only rows whose every key column equals a batch row's, so a row with
 * each key column outside the batch's bounds stays as it was; the rows it writes are the batch's,
 * inside the bounds or with a null key part (those never match, and are inserted). The table
 * outside {@link #rows()} is therefore the same before and after the merge, and Iceberg skips the
 * data files whose key bounds do not overlap the range when it is read.
 *
 * @param lows the smallest value of each key column among the batch's rows with a value in every
 *     key column; nulls when there is no such row
 * @param highs the largest, likewise
 */
record KeyRange(List<String> columns, List<Object> lows, List<Object> highs) {
  KeyRange {
    columns = List.copyOf(columns);
    lows = new ArrayList<>(lows);
    highs = new ArrayList<>(highs);
  }

  /** Where a key range's aggregates start in an aggregation's result. */
  record Plan(List<String> columns, int offset) {
    Plan {
      columns = List.copyOf(columns);
    }

    /** The aggregates that find the range: per key column its bounds over rows with a full key. */
    static List<Column> aggregates(List<String> columns) {
      Column full = columns.stream().map(c -> col(c).isNotNull()).reduce(Column::and).orElseThrow();
      List<Column> aggregates = new ArrayList<>();
      for (String c : columns) {
        aggregates.add(min(when(full, col(c))));
        aggregates.add(max(when(full, col(c))));
      }
      return aggregates;
    }

    KeyRange read(Row result) {
      List<Object> lows = new ArrayList<>();
      List<Object> highs = new ArrayList<>();
      for (int i = 0; i < columns.size(); i++) {
        lows.add(result.get(offset + 2 * i));
        highs.add(result.get(offset + 2 * i + 1));
      }
      return new KeyRange(columns, lows, highs);
    }
  }

  /** The rows of the table a merge of the batch may have replaced or written. */
  Column rows() {
    Column someNull = columns.stream().map(c -> col(c).isNull()).reduce(Column::or).orElseThrow();
    if (lows.stream().anyMatch(Objects::isNull)) {
      return someNull; // the batch holds no full key: it replaced nothing
    }
    Column within = lit(true);
    for (int i = 0; i < columns.size(); i++) {
      within = within.and(col(columns.get(i)).between(lit(lows.get(i)), lit(highs.get(i))));
    }
    return someNull.or(within);
  }

  /**
   * Why the range cannot stand for a merge on {@code schema}, or null: a floating-point key is
   * equal to a batch's under {@code =} in ways a range does not order (0.0 and -0.0, NaN), and a
   * key column the table lacks is no merge of this batch.
   */
  static String problem(List<String> columns, StructType schema) {
    for (String c : columns) {
      StructField field =
          Arrays.stream(schema.fields()).filter(f -> f.name().equals(c)).findFirst().orElse(null);
      if (field == null) {
        return "the table has no key column " + c;
      }
      if (field.dataType() instanceof DoubleType || field.dataType() instanceof FloatType) {
        return "a floating-point merge key";
      }
    }
    return null;
  }
}
