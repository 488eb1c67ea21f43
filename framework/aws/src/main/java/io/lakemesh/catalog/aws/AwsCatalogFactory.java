package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.CatalogFactory;
import io.lakemesh.catalog.GovernanceCatalog;

/** Makes {@code CatalogLoader.load("aws", ...)} find {@link GlueGovernanceCatalog}. */
public final class AwsCatalogFactory implements CatalogFactory {
  public static final String TYPE = "aws";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public GovernanceCatalog create() {
    return new GlueGovernanceCatalog();
  }
}
