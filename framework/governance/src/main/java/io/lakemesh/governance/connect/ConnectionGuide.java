package io.lakemesh.governance.connect;

import java.util.List;
import java.util.Objects;

/**
 * How one principal queries one product from one engine: what its grants let it read and by which
 * path, the commands to run first, the engine's settings and a first query. Settings name the token
 * variable ({@link ConnectionGuides#TOKEN_VARIABLE}), never a secret.
 *
 * @param principal who reads
 * @param product the product, as the CLI names it ({@code sales.orders})
 * @param engine the engine's name ({@code spark}, {@code trino}, {@code pyiceberg}, {@code duckdb})
 * @param readPath how the principal can read it today
 * @param catalogUri the Iceberg REST catalog's URI (clients append {@code /v1/...})
 * @param table the name the principal reads it by in its own catalog ({@code sales_link.orders})
 * @param linked true when that name exists already; else a step creates it (or approval does)
 * @param summary one sentence on what the principal may read and how
 * @param steps commands to run first, in order; empty when none is needed
 * @param settings the engine's connection settings, ready to copy; empty without access
 * @param query a first query; empty without access
 */
public record ConnectionGuide(
    String principal,
    String product,
    String engine,
    ReadPath readPath,
    String catalogUri,
    String table,
    boolean linked,
    String summary,
    List<String> steps,
    String settings,
    String query) {

  public ConnectionGuide {
    Objects.requireNonNull(readPath, "readPath");
    steps = List.copyOf(steps);
  }
}
