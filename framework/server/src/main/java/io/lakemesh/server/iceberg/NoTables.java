package io.lakemesh.server.iceberg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.ForbiddenException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;

/**
 * The catalog of a principal with no warehouse of its own on this server (a consumer, or a
 * principal inside an account): nothing to list, and nowhere to write.
 */
final class NoTables implements Catalog, SupportsNamespaces {
  private final String why;

  /**
   * @param why why there are no tables, as a refused write says it
   */
  NoTables(String why) {
    this.why = why;
  }

  @Override
  public String name() {
    return "none";
  }

  @Override
  public List<Namespace> listNamespaces(Namespace namespace) {
    if (!namespace.isEmpty()) {
      throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
    }
    // Mutable: Iceberg's response builders ask it whether it contains null.
    return new ArrayList<>();
  }

  @Override
  public Map<String, String> loadNamespaceMetadata(Namespace namespace) {
    throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
  }

  @Override
  public List<TableIdentifier> listTables(Namespace namespace) {
    throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
  }

  @Override
  public Table loadTable(TableIdentifier identifier) {
    throw new NoSuchTableException("Table does not exist: %s", identifier);
  }

  @Override
  public boolean dropTable(TableIdentifier identifier, boolean purge) {
    return false;
  }

  @Override
  public boolean dropNamespace(Namespace namespace) {
    return false;
  }

  @Override
  public void renameTable(TableIdentifier from, TableIdentifier to) {
    throw new NoSuchTableException("Table does not exist: %s", from);
  }

  @Override
  public TableBuilder buildTable(TableIdentifier identifier, Schema schema) {
    throw refused();
  }

  @Override
  public Table registerTable(TableIdentifier identifier, String metadataFileLocation) {
    throw refused();
  }

  @Override
  public void createNamespace(Namespace namespace, Map<String, String> metadata) {
    throw refused();
  }

  @Override
  public boolean setProperties(Namespace namespace, Map<String, String> properties) {
    throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
  }

  @Override
  public boolean removeProperties(Namespace namespace, Set<String> properties) {
    throw new NoSuchNamespaceException("Namespace does not exist: %s", namespace);
  }

  private ForbiddenException refused() {
    return new ForbiddenException("%s", why);
  }
}
