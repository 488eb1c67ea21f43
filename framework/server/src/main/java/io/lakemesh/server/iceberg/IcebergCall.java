package io.lakemesh.server.iceberg;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import java.util.Map;
import java.util.Optional;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.rest.RESTUtil;

/**
 * One authenticated Iceberg REST request: who makes it, the catalog it sees, the path variables
 * (still URL-encoded, as Iceberg's client encodes namespaces), the query and the body.
 */
final class IcebergCall {
  private final Governance rules;
  private final Principal principal;
  private final Catalog catalog;
  private final Map<String, String> vars;
  private final Map<String, String> query;
  private final String body;
  private final TableCredentials credentials;

  IcebergCall(
      Governance rules,
      Principal principal,
      Catalog catalog,
      Map<String, String> vars,
      Map<String, String> query,
      String body,
      TableCredentials credentials) {
    this.credentials = credentials;
    this.rules = rules;
    this.principal = principal;
    this.catalog = catalog;
    this.vars = vars;
    this.query = query;
    this.body = body;
  }

  Principal principal() {
    return principal;
  }

  Catalog catalog() {
    return catalog;
  }

  SupportsNamespaces namespaces() {
    if (catalog instanceof SupportsNamespaces namespaces) {
      return namespaces;
    }
    throw new UnsupportedOperationException("this catalog has no namespaces to list or change");
  }

  ViewCatalog views() {
    if (catalog instanceof ViewCatalog views) {
      return views;
    }
    throw new UnsupportedOperationException(
        "this catalog keeps no views (the account's warehouse is not a view catalog)");
  }

  String query(String name) {
    String value = query.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  <T> T body(Class<T> type) {
    return IcebergJson.read(body, type);
  }

  Namespace namespace() {
    return RESTUtil.decodeNamespace(vars.get("namespace"));
  }

  TableIdentifier table() {
    return TableIdentifier.of(namespace(), RESTUtil.decodeString(vars.get("table")));
  }

  TableIdentifier view() {
    return TableIdentifier.of(namespace(), RESTUtil.decodeString(vars.get("view")));
  }

  /** What the reader's engine needs to read the table's files (or a refusal saying why not). */
  Map<String, String> storageFor(TableIdentifier table, String location) {
    return credentials.forReading(principal, table, location);
  }

  /** Refuses, on record, a change of a table the rules do not allow this principal. */
  void changing(String change, TableIdentifier table) {
    rules.checkWarehouseChange(
        principal, change, "table " + principal.account() + ":" + table, product(table));
  }

  /** Refuses, on record, a change of a view or a namespace the rules do not allow. */
  void changing(String change, String kind, Object name) {
    rules.checkWarehouseChange(
        principal, change, kind + " " + principal.account() + ":" + name, Optional.empty());
  }

  /**
   * The governance catalog's name for the table, when it could be a product: one namespace level
   * and names a product can have (anything else was never published).
   */
  private Optional<TableId> product(TableIdentifier table) {
    if (table.namespace().length() != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(TableId.of(principal.account(), table.namespace().level(0), table.name()));
    } catch (InvalidIdentifierException e) {
      return Optional.empty();
    }
  }
}
