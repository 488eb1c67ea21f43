package io.lakemesh.catalog;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Loads a catalog backend by its short type name ({@code jdbc}, {@code aws}) or by class name, the
 * way Iceberg's {@code CatalogUtil} loads catalogs.
 */
public final class CatalogLoader {
  private CatalogLoader() {}

  public static GovernanceCatalog load(String type, String name, Map<String, String> properties) {
    GovernanceCatalog catalog = instantiate(type);
    catalog.initialize(name, properties);
    return catalog;
  }

  private static GovernanceCatalog instantiate(String type) {
    List<String> known = new ArrayList<>();
    for (CatalogFactory factory : ServiceLoader.load(CatalogFactory.class)) {
      if (factory.type().equals(type)) {
        return factory.create();
      }
      known.add(factory.type());
    }
    try {
      return (GovernanceCatalog) Class.forName(type).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new InvalidConfigException(
          "catalog.type",
          "no catalog backend named '" + type + "' (known: " + String.join(", ", known) + ")");
    }
  }
}
