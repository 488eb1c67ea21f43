package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.CatalogFactory;
import io.lakemesh.catalog.GovernanceCatalog;

/** Makes {@code CatalogLoader.load("jdbc", ...)} find {@link JdbcGovernanceCatalog}. */
public final class JdbcCatalogFactory implements CatalogFactory {
  public static final String TYPE = "jdbc";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public GovernanceCatalog create() {
    return new JdbcGovernanceCatalog();
  }
}
