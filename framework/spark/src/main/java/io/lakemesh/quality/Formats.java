package io.lakemesh.quality;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.sql.Row;

/** How measured values and examples read in constraint messages. */
final class Formats {
  private static final int MAX_EXAMPLE = 200;

  private Formats() {}

  /** A fraction as a percentage, rounded down so that a failing 0.99999 never reads as "100%". */
  static String percent(double fraction) {
    if (Double.isNaN(fraction) || Double.isInfinite(fraction)) {
      return Double.toString(fraction);
    }
    return BigDecimal.valueOf(fraction * 100)
            .setScale(3, RoundingMode.DOWN)
            .stripTrailingZeros()
            .toPlainString()
        + "%";
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** A bound from a spec as a SQL literal; decimal, so decimal columns compare exactly. */
  static String literal(double bound) {
    return BigDecimal.valueOf(bound).toPlainString();
  }

  static String list(List<String> values) {
    return "(" + String.join(", ", values) + ")";
  }

  /** An example value: strings quoted, decimals plain, whole rows as JSON, all kept short. */
  static String example(Object value) {
    String text;
    if (value instanceof Row row) {
      text = "row " + (row.schema() != null ? row.json() : row.toString());
    } else if (value instanceof String s) {
      text = "'" + s + "'";
    } else if (value instanceof BigDecimal d) {
      text = d.toPlainString();
    } else {
      text = String.valueOf(value);
    }
    return text.length() <= MAX_EXAMPLE ? text : text.substring(0, MAX_EXAMPLE) + "...";
  }

  /** A key of several columns, each value formatted as {@link #example(Object)}. */
  static String key(Row key) {
    if (key.size() == 1) {
      return example(key.get(0));
    }
    return "("
        + IntStream.range(0, key.size())
            .mapToObj(i -> example(key.get(i)))
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** The first line of an error message; Spark appends whole query plans to its messages. */
  static String firstLine(Throwable error) {
    String message = String.valueOf(error.getMessage());
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** A column reference for Spark SQL text, quoted so any column name survives. */
  static String quoted(String column) {
    return "`" + column.replace("`", "``") + "`";
  }
}
