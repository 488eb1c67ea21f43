package io.lakemesh.catalog;

/** Registered through {@code META-INF/services} so backends are found by short type name. */
public interface CatalogFactory {
  String type();

  GovernanceCatalog create();
}
