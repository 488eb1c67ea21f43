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
    parameters.forEach(
        (key, value) -> {
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
    return toBuilder().version(newVersion).updatedAt(at).build();
  }

  /**
   * The same entry with only some of its columns, as a principal who may see only those sees it.
   */
  public CatalogTable withColumns(List<Column> shown) {
    return toBuilder().columns(shown).build();
  }

  /** The same entry with these parameters instead of its own. */
  public CatalogTable withParameters(Map<String, String> replaced) {
    return toBuilder().parameters(replaced).build();
  }

  /**
   * An entry for {@code id}; the builder's other parts default to no columns, partitioning or
   * parameters, no location or format, version 0 and {@link Instant#EPOCH} (a catalog assigns
   * version and time on commit).
   */
  public static Builder builder(TableId id) {
    return new Builder(id);
  }

  /** A builder holding every part of this entry, to change some of them. */
  public Builder toBuilder() {
    return new Builder(id)
        .columns(columns)
        .location(location)
        .format(format)
        .partitioning(partitioning)
        .parameters(parameters)
        .version(version)
        .updatedAt(updatedAt);
  }

  /** Builds a {@link CatalogTable} part by part. */
  public static final class Builder {
    private final TableId id;
    private List<Column> columns = List.of();
    private String location;
    private String format;
    private List<String> partitioning = List.of();
    private final Map<String, String> parameters = new TreeMap<>();
    private long version;
    private Instant updatedAt = Instant.EPOCH;

    private Builder(TableId id) {
      this.id = id;
    }

    public Builder columns(List<Column> value) {
      this.columns = value;
      return this;
    }

    public Builder location(String value) {
      this.location = value;
      return this;
    }

    public Builder format(String value) {
      this.format = value;
      return this;
    }

    public Builder partitioning(List<String> value) {
      this.partitioning = value;
      return this;
    }

    /** Replaces every parameter with these. */
    public Builder parameters(Map<String, String> value) {
      this.parameters.clear();
      this.parameters.putAll(value);
      return this;
    }

    /** Sets one parameter, keeping the others. */
    public Builder parameter(String key, String value) {
      this.parameters.put(key, value);
      return this;
    }

    public Builder version(long value) {
      this.version = value;
      return this;
    }

    public Builder updatedAt(Instant value) {
      this.updatedAt = value;
      return this;
    }

    public CatalogTable build() {
      return new CatalogTable(
          id, columns, location, format, partitioning, parameters, version, updatedAt);
    }
  }
}
