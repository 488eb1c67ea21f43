package io.lakemesh.runtime;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.TransformSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.catalyst.expressions.EvalMode;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NullType;
import org.apache.spark.sql.types.StructField;
import scala.Option;

/**
 * The product's schema contract: the transform's output must have exactly the declared columns, of
 * the declared types. A type differs only where that loses nothing (the widenings Iceberg applies
 * in place: int to bigint, float to double, decimal to more precision at the same scale); any other
 * conversion is the producer's to ask for ({@code cast = true} on the column, or a CAST in the
 * transform), because a silent one publishes values that no longer mean what they did. A published
 * schema may only grow within a major version.
 */
final class SchemaContract {

  private SchemaContract() {}

  /** The output in contract order and types, or an error naming every mismatch and its fix. */
  static Dataset<Row> conform(Dataset<Row> output, ProductSpec spec) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField f : output.schema().fields()) {
      fields.put(f.name().toLowerCase(Locale.ROOT), f);
    }
    List<String> problems = new ArrayList<>();
    List<Column> select = new ArrayList<>();
    for (ColumnSpec c : spec.schema()) {
      StructField f = fields.remove(c.name());
      if (f == null) {
        problems.add("missing column " + c.name() + " " + c.type());
        continue;
      }
      DataType want = DataType.fromDDL(c.type());
      DataType have = f.dataType();
      if (have.equals(want)) {
        select.add(output.col(f.name()).as(c.name()));
      } else if (have instanceof NullType
          || SchemaEvolution.isWidening(have.simpleString(), want.simpleString())) {
        // a NULL literal (SQL's "NULL AS cost") has no value to lose
        select.add(output.col(f.name()).cast(want).as(c.name()));
      } else if (c.cast() && Cast.canCast(have, want)) {
        select.add(strictCast(output.col(f.name()), want).as(c.name()));
      } else if (c.cast()) {
        problems.add(
            differs(c, have)
                + ", and Spark cannot convert "
                + have.simpleString()
                + " to "
                + c.type()
                + " (cast = true cannot help): compute a "
                + c.type()
                + " in "
                + transformName(spec));
      } else {
        problems.add(
            differs(c, have)
                + ": convert it on purpose with "
                + castIn(spec, c)
                + " or with cast = true on the column in the schema, or declare it as "
                + have.simpleString());
      }
    }
    fields.keySet().forEach(extra -> problems.add("column " + extra + " is not in the contract"));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException(
          "schema",
          String.format(
              "%s: the transform's output does not match the schema contract in %s: %s",
              spec.id(), spec.file(), String.join("; ", problems)));
    }
    return output.select(select.toArray(new Column[0]));
  }

  /**
   * A conversion the producer asked for, with ANSI semantics whatever the session says: a value
   * that does not convert ('n/a' to int, an overflowing decimal) fails the write instead of
   * becoming null, so an asked-for cast can never drop data unnoticed either.
   */
  private static Column strictCast(Column value, DataType to) {
    return new Column(new Cast(value.expr(), to, Option.empty(), EvalMode.ANSI()));
  }

  private static String differs(ColumnSpec c, DataType have) {
    return "column " + c.name() + " is " + have.simpleString() + ", the contract says " + c.type();
  }

  private static String castIn(ProductSpec spec, ColumnSpec c) {
    return spec.transform() instanceof TransformSpec.Sql
        ? "CAST(" + c.name() + " AS " + c.type() + ") in " + transformName(spec)
        : "col(\"" + c.name() + "\").cast(\"" + c.type() + "\") in " + transformName(spec);
  }

  private static String transformName(ProductSpec spec) {
    return spec.transform() instanceof TransformSpec.Sql sql
        ? Path.of(sql.path()).getFileName().toString()
        : ((TransformSpec.JavaClass) spec.transform()).className();
  }
}
