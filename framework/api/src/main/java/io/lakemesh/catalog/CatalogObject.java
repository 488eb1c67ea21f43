package io.lakemesh.catalog;

/** Something named inside one account's catalog; its {@code toString} is the name users write. */
public interface CatalogObject {
  String catalog();
}
