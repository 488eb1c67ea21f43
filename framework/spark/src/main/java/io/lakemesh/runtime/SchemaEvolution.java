package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a product's schema may change within a major version: columns added and types widened, no
 * column dropped or narrowed. Spark-free: a run checks it before anything starts.
 */
final class SchemaEvolution {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),\\s*(\\d+)\\)");

  private SchemaEvolution() {}

  /** Breaking changes within a table are refused; a raised major version publishes a new table. */
  static void check(CatalogTable published, ProductSpec spec) {
    List<String> breaking = breakingChanges(published, spec);
    if (!breaking.isEmpty()) {
      throw new InvalidConfigException(
          "schema",
          spec.id()
              + ": breaking schema change refused within major version "
              + spec.version()
              + " (table "
              + spec.tableId()
              + "): "
              + String.join("; ", breaking)
              + ". Raise the product's version to publish it as a new major version: a new table "
              + spec.table().name().replaceAll("_v\\d+$", "")
              + "_v"
              + (spec.version() + 1)
              + " that consumers request anew, while the current one stays as it is.");
    }
  }

  /**
   * Breaking changes against the published entry: dropped (or renamed) columns and narrowed types.
   * Allowed only when the spec raises the major version.
   */
  static List<String> breakingChanges(CatalogTable published, ProductSpec spec) {
    List<String> changes = new ArrayList<>();
    for (Column old : published.columns()) {
      Optional<ColumnSpec> now =
          spec.schema().stream().filter(c -> c.name().equals(old.name())).findFirst();
      if (now.isEmpty()) {
        changes.add("column " + old.name() + " was dropped or renamed");
      } else if (!isWidening(old.type(), now.get().type())) {
        changes.add(
            "column " + old.name() + " changes type " + old.type() + " -> " + now.get().type());
      }
    }
    return changes;
  }

  /**
   * Type changes Iceberg can apply in place without rewriting or losing values; also the
   * differences between a transform's output and its contract that need no cast.
   */
  static boolean isWidening(String from, String to) {
    if (from.equals(to)) {
      return true;
    }
    if (from.equals("int") && to.equals("bigint") || from.equals("float") && to.equals("double")) {
      return true;
    }
    Matcher a = DECIMAL.matcher(from);
    Matcher b = DECIMAL.matcher(to);
    return a.matches()
        && b.matches()
        && a.group(2).equals(b.group(2))
        && Integer.parseInt(b.group(1)) >= Integer.parseInt(a.group(1));
  }
}
