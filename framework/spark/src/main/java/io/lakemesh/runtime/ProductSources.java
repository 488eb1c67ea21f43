package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SourceSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A run's sources as the spec and the command line give them, before anything is read: the paths
 * given for this run, the accounts whose catalogs they are in, and the products read. Spark-free.
 */
final class ProductSources {
  private ProductSources() {}

  /** The spec with file sources read from {@code paths} (source name to path) instead. */
  static ProductSpec withPaths(ProductSpec spec, Map<String, String> paths) {
    if (paths.isEmpty()) {
      return spec;
    }
    Map<String, SourceSpec> sources = new LinkedHashMap<>(spec.sources());
    paths.forEach(
        (name, path) -> {
          SourceSpec s = sources.get(name);
          if (!(s instanceof SourceSpec.Files f)) {
            throw new InvalidConfigException(
                "--source",
                spec.id()
                    + " has no file source named '"
                    + name
                    + "' (file sources: "
                    + String.join(", ", spec.sources().keySet())
                    + ")");
          }
          sources.put(
              name,
              new SourceSpec.Files(
                  f.name(), f.format(), Path.of(path).toAbsolutePath().toString(), f.options()));
        });
    return new ProductSpec(
        spec.domain(),
        spec.name(),
        spec.version(),
        spec.owner(),
        spec.description(),
        spec.tags(),
        spec.freshnessSla(),
        spec.freshnessUnit(),
        sources,
        spec.transform(),
        spec.table(),
        spec.schema(),
        spec.quality(),
        spec.quarantine(),
        spec.subscribers(),
        spec.file());
  }

  /** The product's own account and those of the products it reads. */
  static Set<String> accounts(ProductSpec spec) {
    Set<String> accounts = new LinkedHashSet<>();
    accounts.add(spec.account());
    for (SourceSpec s : spec.sources().values()) {
      if (s instanceof SourceSpec.Product p && p.product().contains(".")) {
        accounts.add(p.product().substring(0, p.product().indexOf('.')));
      }
    }
    return accounts;
  }

  /** The table of a product source, {@code DOMAIN.NAME}. */
  static TableId productId(String source, String product) {
    String[] parts = product.split("\\.");
    if (parts.length != 2) {
      throw new InvalidConfigException(
          "sources." + source + ".product", "product must be DOMAIN.NAME, got '" + product + "'");
    }
    return TableId.of(parts[0], parts[0], parts[1]);
  }

  /** A product input's fingerprint: the snapshot its catalog entry publishes. */
  static String fingerprint(CatalogTable entry) {
    return entry.parameter(TableParameters.SNAPSHOT_ID).orElse("none");
  }
}
