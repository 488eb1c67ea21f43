package io.lakemesh.server.iceberg;

import io.lakemesh.catalog.CatalogObject;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.server.iceberg.IcebergErrors.Subject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.BaseTable;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.catalog.ViewCatalog;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NoSuchViewException;
import org.apache.iceberg.view.View;
import org.apache.iceberg.view.ViewBuilder;

/**
 * What a principal reads through its account's resource links, as an Iceberg catalog: the link
 * databases are its namespaces ({@code sales_link}, holding database links and table links alike),
 * their tables are those it may see, and loading one checks SELECT exactly as {@code bin/lakemesh
 * query} does, then hands over the producer table's current metadata. Every call asks the
 * governance rules afresh, so a revoke counts from the next load. Read-only: every change is
 * refused and on record.
 *
 * <p>An engine reading through here is handed the table's files and enforces nothing, so a reader
 * held to some columns or to data filters is refused (see {@link GovernanceService#readFullTable}).
 */
final class LinkCatalog implements Catalog, SupportsNamespaces, ViewCatalog {
  private final GovernanceService rules;
  private final CurrentTables tables;
  private final Principal principal;

  LinkCatalog(GovernanceService rules, CurrentTables tables, Principal principal) {
    this.rules = rules;
    this.tables = tables;
    this.principal = principal;
  }

  @Override
  public String name() {
    return "links";
  }

  // ---- reads

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    String database = database(namespace);
    return IcebergErrors.call(Subject.NAMESPACE, () -> rules.tables(principal, database)).stream()
        .map(t -> TableIdentifier.of(namespace, t))
        .toList();
  }

  @Override
  public Table loadTable(TableIdentifier ident) {
    TableId name = tableId(ident);
    AccessDecision read =
        IcebergErrors.call(Subject.TABLE, () -> rules.readFullTable(principal, name));
    TableId target = read.target();
    Table table;
    try {
      table = IcebergErrors.call(Subject.TABLE, () -> tables.current(target));
    } catch (NoSuchTableException e) {
      throw new NoSuchTableException(
          "%s leads to %s, which is catalogued but not in its producer's warehouse", name, target);
    }
    if (!(table instanceof BaseTable base)) {
      throw new IllegalStateException(
          "the Iceberg catalog of " + target.catalog() + " loaded " + table);
    }
    return new BaseTable(
        new LinkedTableOperations(base.operations(), () -> refuse(name, "commit to")),
        ident.toString());
  }

  /** True when the principal may see the name; a refusal other than "not found" is an error. */
  @Override
  public boolean tableExists(TableIdentifier ident) {
    TableId name = tableId(ident);
    try {
      IcebergErrors.call(Subject.TABLE, () -> rules.describe(principal, name));
      return true;
    } catch (NoSuchTableException e) {
      return false;
    }
  }

  // ---- namespaces: the link databases

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    if (namespace.isEmpty()) {
      return linkDatabases().stream().map(Namespace::of).toList();
    }
    if (namespaceExists(namespace)) {
      return List.of();
    }
    throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    if (!namespaceExists(namespace)) {
      throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
    }
    return Map.of();
  }

  @Override
  public boolean namespaceExists(Namespace namespace) {
    return namespace.length() == 1 && linkDatabases().contains(namespace.level(0));
  }

  /** The databases of the principal's catalog that hold its links: database and table links. */
  private Set<String> linkDatabases() {
    Set<String> names = new TreeSet<>();
    for (LinkStatus status : IcebergErrors.call(Subject.NAMESPACE, () -> rules.links(principal))) {
      ResourceLink link = status.link();
      names.add(
          link instanceof ResourceLink.TableLink t
              ? t.link().database()
              : ((ResourceLink.DatabaseLink) link).link().database());
    }
    return names;
  }

  // ---- views: a link database holds none

  @Override
  public List<TableIdentifier> listViews(Namespace namespace) {
    loadNamespaceMetadata(namespace); // a missing one is "no such namespace"
    return List.of();
  }

  @Override
  public View loadView(TableIdentifier ident) {
    throw new NoSuchViewException(
        "View does not exist: %s (a link database holds no views)", ident);
  }

  @Override
  public void initialize(String name, Map<String, String> properties) {
    // Built whole by MeshCatalogs; nothing to configure.
  }

  // ---- changes: none through a link

  @Override
  public ViewBuilder buildView(TableIdentifier ident) {
    throw refused(ident.namespace(), "create a view in");
  }

  @Override
  public boolean dropView(TableIdentifier ident) {
    throw refused(ident.namespace(), "drop a view in");
  }

  @Override
  public void renameView(TableIdentifier from, TableIdentifier to) {
    throw refused(from.namespace(), "rename a view in");
  }

  @Override
  public TableBuilder buildTable(TableIdentifier ident, Schema schema) {
    throw refused(ident, "create");
  }

  @Override
  public Table registerTable(TableIdentifier ident, String metadataFileLocation) {
    throw refused(ident, "register");
  }

  @Override
  public boolean dropTable(TableIdentifier ident, boolean purge) {
    throw refused(ident, purge ? "purge" : "drop");
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    throw refused(from, "rename");
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    throw refused(namespace, "create");
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    throw refused(namespace, "drop");
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    throw refused(namespace, "alter");
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    throw refused(namespace, "alter");
  }

  /** The refusal of a change to a table, on record (the governance rules word it). */
  RuntimeException refused(TableIdentifier ident, String change) {
    refuse(tableId(ident), change);
    throw new IllegalStateException("a change through a resource link was not refused: " + ident);
  }

  /** The refusal of a change in a namespace, on record. */
  RuntimeException refused(Namespace namespace, String change) {
    refuse(DatabaseId.of(principal.account(), database(namespace)), change);
    throw new IllegalStateException(
        "a change through a resource link was not refused: " + namespace);
  }

  private void refuse(CatalogObject name, String change) {
    Subject subject = name instanceof TableId ? Subject.TABLE : Subject.NAMESPACE;
    IcebergErrors.run(subject, () -> rules.refuseChange(principal, name, change));
  }

  // ---- names: one level of namespace, a database of the principal's own catalog

  private TableId tableId(TableIdentifier ident) {
    String database = database(ident.namespace(), Subject.TABLE);
    return IcebergErrors.call(
        Subject.TABLE, () -> TableId.of(principal.account(), database, ident.name()));
  }

  private static String database(Namespace namespace) {
    return database(namespace, Subject.NAMESPACE);
  }

  // A table in a deeper namespace (a metadata table, db.table.snapshots, say) is "no such table",
  // which is what tells an Iceberg client to load it as one.
  private static String database(Namespace namespace, Subject subject) {
    if (namespace.length() != 1) {
      throw IcebergErrors.translate(
          subject,
          new NotFoundException(
              "namespace "
                  + namespace
                  + " not found: the mesh's namespaces are one level, a database or a link"
                  + " database such as sales_link"));
    }
    return namespace.level(0);
  }
}
