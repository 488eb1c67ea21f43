package io.lakemesh.governance.connect;

/** How a principal can read a product, as the grants it holds decide today. */
public enum ReadPath {
  /**
   * Every column on every row (table-level SELECT, or the owner's own table): any engine reads it
   * through the Iceberg REST catalog, by the name in the principal's own catalog.
   */
  ICEBERG_REST,
  /**
   * Only some columns or rows (column grants, a data filter): the Iceberg REST catalog refuses it
   * (403), because an engine outside the mesh cannot be trusted to hide the rest; the governed
   * engines ({@code bin/lakemesh query}, the governed Spark catalog) read it.
   */
  GOVERNED_ENGINES,
  /** Nothing granted: access is asked for first. */
  NO_ACCESS
}
