package io.lakemesh.spec;

import java.util.List;

/** Where and how the product's output is written. */
public record TableSpec(
    String database, String name, List<String> partitioning, WriteMode mode, List<String> keys) {

  public enum WriteMode {
    APPEND,
    OVERWRITE,
    MERGE
  }

  public TableSpec {
    partitioning = List.copyOf(partitioning);
    keys = List.copyOf(keys);
  }
}
