package io.lakemesh.catalog;

import io.lakemesh.exceptions.InvalidIdentifierException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored OpenLineage run event. {@code document} is the event as the OpenLineage JSON schema
 * defines it; inputs and outputs are kept beside it as dataset names so lineage can be walked
 * without parsing.
 */
public record LineageEvent(
    String runId,
    String job,
    Instant eventTime,
    List<String> inputs,
    List<String> outputs,
    String document) {

  public LineageEvent {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }

  private static final String TABLE_PREFIX = "lakemesh://";

  /** The dataset name lineage gives a product table: {@code lakemesh://CATALOG/DATABASE.TABLE}. */
  public static String dataset(TableId table) {
    return TABLE_PREFIX + table.catalog() + "/" + table.qualifiedName();
  }

  /**
   * The product table a dataset name stands for; empty for other datasets (files, JDBC sources).
   */
  public static Optional<TableId> tableOf(String dataset) {
    if (dataset == null || !dataset.startsWith(TABLE_PREFIX)) {
      return Optional.empty();
    }
    String rest = dataset.substring(TABLE_PREFIX.length());
    int slash = rest.indexOf('/');
    String[] name = rest.substring(slash + 1).split("\\.", -1);
    if (slash < 0 || name.length != 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(TableId.of(rest.substring(0, slash), name[0], name[1]));
    } catch (InvalidIdentifierException notATable) {
      return Optional.empty();
    }
  }
}
