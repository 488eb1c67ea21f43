package io.lakemesh.catalog;

/** A database in one account's catalog, like a Glue (CatalogId, DatabaseName) pair. */
public record DatabaseId(String catalog, String database) implements CatalogObject {
  public DatabaseId {
    Names.account(catalog);
    Names.object("database", database);
  }

  public static DatabaseId of(String catalog, String database) {
    return new DatabaseId(catalog, database);
  }

  @Override
  public String toString() {
    return catalog + ":" + database;
  }
}
