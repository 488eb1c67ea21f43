package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.Cast;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;

/**
 * The product's schema contract: the transform's output must have exactly the declared columns
 * (types are widened where that loses nothing), and a published schema may only grow within a
 * major version.
 */
final class SchemaContract {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  private SchemaContract() {}

  /** The output in contract order and types, or an error naming every mismatch. */
  static Dataset<Row> conform(Dataset<Row> output, ProductSpec spec) {
    Map<String, StructField> fields = new LinkedHashMap<>();
    for (StructField f : output.schema().fields()) {
      fields.put(f.name().toLowerCase(java.util.Locale.ROOT), f);
    }
    List<String> problems = new ArrayList<>();
    List<org.apache.spark.sql.Column> select = new ArrayList<>();
    for (ColumnSpec c : spec.schema()) {
      StructField f = fields.remove(c.name());
      if (f == null) {
        problems.add("missing column " + c.name() + " " + c.type());
        continue;
      }
      DataType want = DataType.fromDDL(c.type());
      if (f.dataType().equals(want)) {
        select.add(output.col(f.name()).as(c.name()));
      } else if (Cast.canUpCast(f.dataType(), want) || isLosslessNumber(f.dataType(), want)) {
        select.add(output.col(f.name()).cast(want).as(c.name()));
      } else {
        problems.add("column " + c.name() + " is " + f.dataType().simpleString() + ", the contract says " + c.type());
      }
    }
    fields.keySet().forEach(extra -> problems.add("column " + extra + " is not in the contract"));
    if (!problems.isEmpty()) {
      throw new InvalidConfigException("schema", String.format(
          "%s: the transform's output does not match the schema contract in %s: %s",
          spec.id(), spec.file(), String.join("; ", problems)));
    }
    return output.select(select.toArray(new org.apache.spark.sql.Column[0]));
  }

  // Spark will not up-cast a decimal SQL expression result (e.g. decimal(22,2)) to a narrower
  // declared decimal; the quality gate, not the cast, is where out-of-range values are caught.
  private static boolean isLosslessNumber(DataType from, DataType to) {
    return from instanceof org.apache.spark.sql.types.DecimalType
        && to instanceof org.apache.spark.sql.types.DecimalType
        && ((org.apache.spark.sql.types.DecimalType) from).scale() == ((org.apache.spark.sql.types.DecimalType) to).scale();
  }

  /**
   * Breaking changes against the published entry: dropped (or renamed) columns and narrowed
   * types. Allowed only when the spec raises the major version.
   */
  static List<String> breakingChanges(CatalogTable published, ProductSpec spec) {
    List<String> changes = new ArrayList<>();
    for (Column old : published.columns()) {
      Optional<ColumnSpec> now = spec.schema().stream().filter(c -> c.name().equals(old.name())).findFirst();
      if (now.isEmpty()) {
        changes.add("column " + old.name() + " was dropped or renamed");
      } else if (!isWidening(old.type(), now.get().type())) {
        changes.add("column " + old.name() + " changes type " + old.type() + " -> " + now.get().type());
      }
    }
    return changes;
  }

  /** Type changes Iceberg can apply in place without rewriting or losing values. */
  static boolean isWidening(String from, String to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.equals("int") && to.equals("bigint") || from.equals("float") && to.equals("double")) {
      return true;
    }
    Matcher a = DECIMAL.matcher(from);
    Matcher b = DECIMAL.matcher(to);
    return a.matches() && b.matches()
        && a.group(2).equals(b.group(2))
        && Integer.parseInt(b.group(1)) >= Integer.parseInt(a.group(1));
  }
}
