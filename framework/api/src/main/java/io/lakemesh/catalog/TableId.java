package io.lakemesh.catalog;

import io.lakemesh.exceptions.InvalidIdentifierException;

/** A table in one account's catalog: (catalog, database, table), as Glue addresses it. */
public record TableId(String catalog, String database, String table) implements CatalogObject {
  public TableId {
    Names.account(catalog);
    Names.object("database", database);
    Names.object("table", table);
  }

  public static TableId of(String catalog, String database, String table) {
    return new TableId(catalog, database, table);
  }

  /** Parses {@code db.table} (in {@code defaultCatalog}) or {@code catalog:db.table}. */
  public static TableId parse(String text, String defaultCatalog) {
    String catalog = defaultCatalog;
    String rest = text == null ? "" : text;
    int colon = rest.indexOf(':');
    if (colon >= 0) {
      catalog = rest.substring(0, colon);
      rest = rest.substring(colon + 1);
    }
    String[] parts = rest.split("\\.", -1);
    if (parts.length != 2) {
      throw new InvalidIdentifierException("table", text, "[catalog:]database.table");
    }
    return new TableId(catalog, parts[0], parts[1]);
  }

  public DatabaseId databaseId() {
    return new DatabaseId(catalog, database);
  }

  /** The name users write: {@code database.table}. */
  public String qualifiedName() {
    return database + "." + table;
  }

  @Override
  public String toString() {
    return catalog + ":" + database + "." + table;
  }
}
