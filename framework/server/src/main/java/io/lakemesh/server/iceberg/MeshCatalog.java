package io.lakemesh.server.iceberg;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.view.View;
import org.apache.iceberg.view.ViewBuilder;

/**
 * The catalog one principal sees: its own account's Iceberg namespaces when the account produces,
 * and its link databases. Each call goes to the side that holds its namespace. The account's own
 * namespaces win a clash: a link database named like one of them is not reachable here (rename the
 * link), as an account's own database wins over a link of the same name in {@code bin/lakemesh
 * query}. A namespace that is neither goes to the own catalog of a producer (so it can create it)
 * and to the links otherwise (where it is not found, or refused as a change).
 */
final class MeshCatalog implements Catalog, SupportsNamespaces, ViewCatalog {
  private final Catalog own;
  private final SupportsNamespaces ownNamespaces;
  private final LinkCatalog links;

  /**
   * @param own the account's own Iceberg catalog; null when the account produces nothing
   * @param links what the principal reads through its links
   */
  MeshCatalog(Catalog own, LinkCatalog links) {
    if (own != null && !(own instanceof SupportsNamespaces)) {
      throw new IllegalArgumentException(
          "an account's Iceberg catalog must support namespaces: " + own);
    }
    this.own = own;
    this.ownNamespaces = (SupportsNamespaces) own;
    this.links = links;
  }

  @Override
  public String name() {
    return "mesh";
  }

  /** The side that answers for a namespace (see the class comment). */
  private boolean own(Namespace namespace) {
    return own != null
        && (ownNamespaces.namespaceExists(namespace) || !links.namespaceExists(namespace));
  }

  private Catalog tables(Namespace namespace) {
    return own(namespace) ? own : links;
  }

  private SupportsNamespaces namespaces(Namespace namespace) {
    return own(namespace) ? ownNamespaces : links;
  }

  private ViewCatalog views(Namespace namespace) {
    if (!own(namespace)) {
      return links;
    }
    if (own instanceof ViewCatalog views) {
      return views;
    }
    throw new UnsupportedOperationException(
        "this catalog keeps no views (the account's warehouse is not a view catalog)");
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    // Built whole by MeshCatalogs; nothing to configure.
  }

  // ---- tables

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    return tables(namespace).listTables(namespace);
  }

  @Override
  public Table loadTable(TableIdentifier ident) {
    return tables(ident.namespace()).loadTable(ident);
  }

  @Override
  public boolean tableExists(TableIdentifier ident) {
    return tables(ident.namespace()).tableExists(ident);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier ident, Schema schema) {
    return tables(ident.namespace()).buildTable(ident, schema);
  }

  @Override
  public Table registerTable(TableIdentifier ident, String metadataFileLocation) {
    return tables(ident.namespace()).registerTable(ident, metadataFileLocation);
  }

  @Override
  public boolean dropTable(TableIdentifier ident, boolean purge) {
    return tables(ident.namespace()).dropTable(ident, purge);
  }

  @Override
  public void invalidateTable(TableIdentifier ident) {
    tables(ident.namespace()).invalidateTable(ident);
  }

  /** Within the own catalog only: a rename from or into a link database is a change through it. */
  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    if (!own(from.namespace())) {
      links.renameTable(from, to); // refuses: nothing leaves a link database
    }
    requireOwn(to, "table");
    own.renameTable(from, to);
  }

  private void requireOwn(TableIdentifier to, String kind) {
    if (!own(to.namespace())) {
      throw links.refused(to.namespace(), "rename a " + kind + " into");
    }
  }

  // ---- namespaces

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    if (!namespace.isEmpty()) {
      return namespaces(namespace).listNamespaces(namespace);
    }
    Set<Namespace> all = new LinkedHashSet<>();
    if (own != null) {
      all.addAll(ownNamespaces.listNamespaces(namespace));
    }
    all.addAll(links.listNamespaces(namespace));
    return new ArrayList<>(all);
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    namespaces(namespace).createNamespace(namespace, metadata);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    return namespaces(namespace).loadNamespaceMetadata(namespace);
  }

  @Override
  public boolean namespaceExists(Namespace namespace) {
    return namespaces(namespace).namespaceExists(namespace);
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return namespaces(namespace).dropNamespace(namespace);
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    return namespaces(namespace).setProperties(namespace, properties);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    return namespaces(namespace).removeProperties(namespace, properties);
  }

  // ---- views: a producer's own; a link database holds none

  @Override
  public List<TableIdentifier> listViews(Namespace namespace) {
    return views(namespace).listViews(namespace);
  }

  @Override
  public View loadView(TableIdentifier ident) {
    return views(ident.namespace()).loadView(ident);
  }

  @Override
  public boolean viewExists(TableIdentifier ident) {
    return views(ident.namespace()).viewExists(ident);
  }

  @Override
  public ViewBuilder buildView(TableIdentifier ident) {
    return views(ident.namespace()).buildView(ident);
  }

  @Override
  public boolean dropView(TableIdentifier ident) {
    return views(ident.namespace()).dropView(ident);
  }

  @Override
  public void invalidateView(TableIdentifier ident) {
    views(ident.namespace()).invalidateView(ident);
  }

  /** Within the own catalog only, as for tables. */
  @Override
  public void renameView(TableIdentifier from, TableIdentifier to) {
    if (!own(from.namespace())) {
      links.renameView(from, to); // refuses, as for tables
    }
    requireOwn(to, "view");
    views(from.namespace()).renameView(from, to);
  }
}
