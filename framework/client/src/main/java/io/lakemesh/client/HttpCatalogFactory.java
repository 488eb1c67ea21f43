package io.lakemesh.client;

import io.lakemesh.catalog.CatalogFactory;
import io.lakemesh.catalog.GovernanceCatalog;

/** Makes {@code CatalogLoader.load("http", ...)} find {@link HttpCatalog}. */
public final class HttpCatalogFactory implements CatalogFactory {
  @Override
  public String type() {
    return HttpCatalog.TYPE;
  }

  @Override
  public GovernanceCatalog create() {
    return new HttpCatalog();
  }
}
