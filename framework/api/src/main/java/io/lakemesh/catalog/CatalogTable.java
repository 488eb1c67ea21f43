package io.lakemesh.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A table entry in a governance catalog: metadata only, never data. Product facts (owner, SLA,
 * tags, quality summary, snapshot) live in {@link #parameters()}, as they do in Glue table
 * parameters, under the keys of {@link TableParameters}.
 */
public record CatalogTable(
    TableId id,
    List<Column> columns,
    String location,
    String format,
    List<String> partitioning,
    Map<String, String> parameters,
    long version,
    Instant updatedAt) {

  public CatalogTable {
    columns = List.copyOf(columns);
    partitioning = List.copyOf(partitioning);
    // Sorted, so that an entry reads (and prints) the same wherever it was built or sent.
    parameters = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(parameters)));
  }

  public Optional<String> parameter(String key) {
    return Optional.ofNullable(parameters.get(key));
  }

  /** The tags its producer declared for it ({@link TableParameters#TAG_PREFIX}), by key. */
  public SortedMap<String, String> declaredTags() {
    SortedMap<String, String> tags = new TreeMap<>();
    parameters.forEach((key, value) -> {
      if (key.startsWith(TableParameters.TAG_PREFIX)) {
        tags.put(key.substring(TableParameters.TAG_PREFIX.length()), value);
      }
    });
    return tags;
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** The same entry with a new version number and time, as the catalog assigns on commit. */
  public CatalogTable withVersion(long newVersion, Instant at) {
    return new CatalogTable(id, columns, location, format, partitioning, parameters, newVersion, at);
  }

  /** The same entry with only some of its columns, as a principal who may see only those sees it. */
  public CatalogTable withColumns(List<Column> shown) {
    return new CatalogTable(id, shown, location, format, partitioning, parameters, version, updatedAt);
  }
}
