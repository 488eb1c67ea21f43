package io.lakemesh.quality;

import static org.apache.spark.sql.functions.expr;

import io.lakemesh.spec.QualityRule;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

/**
 * Whether a rule can be checked on the data at all, as Deequ's applicability checks ask, but from
 * the schema alone. A rule that cannot (a missing column, a column of the wrong type, a predicate
 * that does not resolve) fails on its own with a message naming the cause, instead of failing the
 * whole scan with a Spark error.
 */
final class Applicability {
  private Applicability() {}

  static Optional<String> problem(QualityRule rule, Dataset<Row> data) {
    StructType schema = data.schema();
    for (String column : columns(rule)) {
      Optional<StructField> field =
          Arrays.stream(schema.fields()).filter(f -> f.name().equals(column)).findFirst();
      if (field.isEmpty()) {
        return Optional.of(
            "column '"
                + column
                + "' is not in the data (columns: "
                + String.join(", ", schema.fieldNames())
                + ")");
      }
      Optional<String> wrongType = type(rule, field.get());
      if (wrongType.isPresent()) {
        return wrongType;
      }
    }
    return rule instanceof QualityRule.Predicate p
        ? predicate(p.predicate(), data)
        : Optional.empty();
  }

  private static List<String> columns(QualityRule rule) {
    if (rule instanceof QualityRule.Uniqueness r) {
      return r.columns();
    } else if (rule instanceof QualityRule.Completeness r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.NonNegative r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.Range r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.AllowedValues r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.Pattern r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.Freshness r) {
      return List.of(r.column());
    } else if (rule instanceof QualityRule.Anomaly r && r.column() != null) {
      return List.of(r.column());
    }
    return List.of();
  }

  private static Optional<String> type(QualityRule rule, StructField field) {
    if (rule instanceof QualityRule.NonNegative || rule instanceof QualityRule.Range) {
      return expect(field, t -> t instanceof NumericType, "numeric");
    } else if (rule instanceof QualityRule.Pattern) {
      return expect(field, t -> t instanceof StringType, "a string");
    } else if (rule instanceof QualityRule.Freshness) {
      return expect(
          field,
          t -> t instanceof TimestampType || t instanceof TimestampNTZType || t instanceof DateType,
          "a timestamp or date");
    }
    return Optional.empty();
  }

  private static Optional<String> expect(StructField field, Predicate<DataType> ok, String what) {
    return ok.test(field.dataType())
        ? Optional.empty()
        : Optional.of(
            "column '"
                + field.name()
                + "' is "
                + field.dataType().simpleString()
                + ", not "
                + what);
  }

  /** Resolves the predicate against the data's plan; Spark analyses eagerly, so no job runs. */
  private static Optional<String> predicate(String sql, Dataset<Row> data) {
    try {
      DataType type = data.select(expr(sql)).schema().fields()[0].dataType();
      return type instanceof BooleanType
          ? Optional.empty()
          : Optional.of("predicate '" + sql + "' is " + type.simpleString() + ", not boolean");
    } catch (Exception e) { // Spark's AnalysisException is checked to javac, though undeclared
      return Optional.of(
          "predicate '" + sql + "' does not apply to the data: " + Formats.firstLine(e));
    }
  }
}
