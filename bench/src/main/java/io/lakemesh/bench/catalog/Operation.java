package io.lakemesh.bench.catalog;

import io.lakemesh.governance.rules.SearchQuery;

/** The operations the catalog benchmark times, with their names in the JSON report. */
enum Operation {
  /** A new version of an existing product, published by its producer. */
  PUBLISH("publish", "publish a new version of a product (producer)"),
  /** DESCRIBE of a product by a consumer principal holding a grant on it. */
  GET_TABLE("get_table", "describe a product (consumer holding a grant)"),
  /** Discovery: a word and an LF-tag value, over every producer's products; the first page. */
  SEARCH(
      "search",
      "search: a word and a tag value, all producers; first page ("
          + SearchQuery.DEFAULT_PAGE
          + ")"),
  /** A SELECT decision for a consumer principal holding a table or column grant. */
  ENTITLEMENT_CHECK("entitlement_check", "SELECT check (consumer holding a grant)"),
  /** One event appended to the governance account's hash-chained audit log. */
  AUDIT_APPEND("audit_append", "append one event to the audit log"),
  /** An append, then the signed checkpoint of the log that ends every command that appended. */
  CHECKPOINT("checkpoint", "append one event, then checkpoint the log (a command's end)"),
  /**
   * An Iceberg REST {@code loadTable} through a consumer's link, over HTTP on loopback (see {@link
   * RestLoads}).
   */
  REST_LOAD_TABLE("rest_load_table", "Iceberg REST loadTable through a link (consumer, loopback)");

  final String key;
  final String description;

  Operation(String key, String description) {
    this.key = key;
    this.description = description;
  }
}
