package io.lakemesh.governance.spark;

import io.lakemesh.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.NamedReference;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A producer's table as one consumer may read it: read-only, and only the granted columns. The
 * hidden columns are not in the schema at all, so no query can name them, and the scan is always
 * pruned to the visible ones even when Spark would ask for everything.
 *
 * <p>Through data filters, the scan itself also drops the rows no grant keeps and nulls the cells
 * no grant shows ({@link FilteredScan}), before Spark sees a row; a column that may read as null is
 * nullable in the schema.
 */
final class GovernedTable implements Table, SupportsRead {
  // Iceberg's read options that pick other data than the current snapshot (SparkReadOptions).
  private static final List<String> OTHER_SNAPSHOTS =
      List.of(
          "snapshot-id",
          "as-of-timestamp",
          "branch",
          "tag",
          "start-snapshot-id",
          "end-snapshot-id",
          "start-timestamp",
          "end-timestamp",
          "scan-task-set-id",
          "versionAsOf",
          "timestampAsOf");

  private final String name;
  private final SupportsRead target;
  private final TableAccess.Resolved read;
  private final SparkSession predicates;
  private final StructType visible;

  /**
   * @param predicates the session a filtered read's predicates are resolved in (null: none is)
   */
  GovernedTable(
      String name, SupportsRead target, TableAccess.Resolved read, SparkSession predicates) {
    this.name = name;
    this.target = target;
    this.read = read;
    this.predicates = predicates;
    Set<String> allowed = Set.copyOf(read.visibleColumns());
    this.visible =
        new StructType(
            Arrays.stream(target.schema().fields())
                .filter(f -> allowed.contains(f.name()))
                .map(f -> read.cellFilters().containsKey(f.name()) ? nullable(f) : f)
                .toArray(StructField[]::new));
  }

  private static StructField nullable(StructField f) {
    return new StructField(f.name(), f.dataType(), true, f.metadata());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public StructType schema() {
    return visible;
  }

  @Override
  public Transform[] partitioning() {
    return new Transform[0];
  }

  @Override
  public Map<String, String> properties() {
    return Map.of();
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
    if (read.filtered()) {
      for (String option : OTHER_SNAPSHOTS) {
        if (options.containsKey(option)) {
          throw new InvalidRequestException(
              "cannot read "
                  + name
                  + " with option "
                  + option
                  + ": a read through a data filter is of the table's current snapshot only");
        }
      }
    }
    return new Builder(target.newScanBuilder(options));
  }

  /**
   * Forwards column pruning and filter push-down; never lets the scan widen past the grant.
   *
   * <p>Through data filters, the scan reads the columns the query needs plus those the filters'
   * predicates name (visible or not), and returns the query's columns only. A query's own predicate
   * reaches the producer's scan only when it names no column with hidden cells: the scan prunes
   * files and row groups by stored values, which for such a column are not the values the reader
   * sees (a hidden value reads as null).
   */
  private final class Builder
      implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownV2Filters {
    private final ScanBuilder delegate;
    private StructType required = visible;

    Builder(ScanBuilder delegate) {
      this.delegate = delegate;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
      this.required = requiredSchema;
    }

    @Override
    public Predicate[] pushPredicates(Predicate[] predicates) {
      List<Predicate> pushable = new ArrayList<>();
      List<Predicate> after = new ArrayList<>();
      for (Predicate p : predicates) {
        (wholeColumns(p) ? pushable : after).add(p);
      }
      if (delegate instanceof SupportsPushDownV2Filters f) {
        after.addAll(Arrays.asList(f.pushPredicates(pushable.toArray(Predicate[]::new))));
      } else {
        after.addAll(pushable);
      }
      return after.toArray(Predicate[]::new);
    }

    private boolean wholeColumns(Predicate p) {
      for (NamedReference ref : p.references()) {
        if (read.cellFilters().containsKey(ref.fieldNames()[0])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public Predicate[] pushedPredicates() {
      return delegate instanceof SupportsPushDownV2Filters f
          ? f.pushedPredicates()
          : new Predicate[0];
    }

    @Override
    public Scan build() {
      SupportsPushDownRequiredColumns columns = (SupportsPushDownRequiredColumns) delegate;
      if (!read.filtered()) {
        columns.pruneColumns(required);
        return delegate.build();
      }
      // Whole top-level columns: a predicate may name a field of a struct the query prunes.
      Set<String> names = Set.of(required.fieldNames());
      StructType output =
          new StructType(
              Arrays.stream(visible.fields())
                  .filter(f -> names.contains(f.name()))
                  .toArray(StructField[]::new));
      StructType table = target.schema();
      VisibleCells cells = VisibleCells.compile(predicates, table, output, read);
      columns.pruneColumns(cells.referenced(table));
      Scan scan = delegate.build();
      return new FilteredScan(scan, output, cells.reading(scan.readSchema()));
    }
  }
}
