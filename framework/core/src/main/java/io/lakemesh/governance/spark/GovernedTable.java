package io.lakemesh.governance.spark;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.SupportsPushDownRequiredColumns;
import org.apache.spark.sql.connector.read.SupportsPushDownV2Filters;
import org.apache.spark.sql.connector.expressions.filter.Predicate;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * A producer's table as one consumer may read it: read-only, and only the granted columns. The
 * hidden columns are not in the schema at all, so no query can name them, and the scan is always
 * pruned to the visible ones even when Spark would ask for everything.
 */
final class GovernedTable implements Table, SupportsRead {
  private final String name;
  private final SupportsRead target;
  private final StructType visible;

  GovernedTable(String name, SupportsRead target, java.util.List<String> columns) {
    this.name = name;
    this.target = target;
    Set<String> allowed = Set.copyOf(columns);
    this.visible = new StructType(Arrays.stream(target.schema().fields())
        .filter(f -> allowed.contains(f.name())).toArray(org.apache.spark.sql.types.StructField[]::new));
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
    return new Builder(target.newScanBuilder(options), visible);
  }

  /** Forwards column pruning and filter push-down; never lets the scan widen past the grant. */
  private static final class Builder implements ScanBuilder, SupportsPushDownRequiredColumns, SupportsPushDownV2Filters {
    private final ScanBuilder delegate;
    private StructType required;

    Builder(ScanBuilder delegate, StructType visible) {
      this.delegate = delegate;
      this.required = visible;
    }

    @Override
    public void pruneColumns(StructType requiredSchema) {
      this.required = requiredSchema;
    }

    @Override
    public Predicate[] pushPredicates(Predicate[] predicates) {
      return delegate instanceof SupportsPushDownV2Filters f ? f.pushPredicates(predicates) : predicates;
    }

    @Override
    public Predicate[] pushedPredicates() {
      return delegate instanceof SupportsPushDownV2Filters f ? f.pushedPredicates() : new Predicate[0];
    }

    @Override
    public Scan build() {
      ((SupportsPushDownRequiredColumns) delegate).pruneColumns(required);
      return delegate.build();
    }
  }
}
