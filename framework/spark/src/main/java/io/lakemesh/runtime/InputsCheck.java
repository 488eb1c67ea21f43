package io.lakemesh.runtime;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.spec.ProductSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A run's look at its inputs before Spark starts ({@link PublishedBatch#lookup}). A launcher may
 * ask for it ahead of the run ({@link ProducerJob#outlook}); the run of the same spec then takes
 * that answer instead of listing the files and reading Iceberg's metadata a second time.
 */
final class InputsCheck {
  private final LakemeshConfig config;
  private final GovernanceCatalog catalog;
  private final Supplier<ProductInputs> inputs;
  private Map.Entry<ProductSpec, PublishedBatch.Lookup> told;

  InputsCheck(LakemeshConfig config, GovernanceCatalog catalog, Supplier<ProductInputs> inputs) {
    this.config = config;
    this.catalog = catalog;
    this.inputs = inputs;
  }

  /** The look ahead of a run, kept for that run. */
  PublishedBatch.Lookup ahead(ProductSpec spec) {
    Path specDir = specDir(spec);
    PublishedBatch.Lookup lookup = lookup(spec, TransformCode.of(spec, specDir), specDir);
    told = Map.entry(spec, lookup);
    return lookup;
  }

  /** The run's look: the one told ahead for this spec (taken once), else a new one. */
  PublishedBatch.Lookup now(ProductSpec spec, String transform) {
    Map.Entry<ProductSpec, PublishedBatch.Lookup> last = told;
    told = null;
    return last != null && last.getKey().equals(spec)
        ? last.getValue()
        : lookup(spec, transform, specDir(spec));
  }

  static Path specDir(ProductSpec spec) {
    return Path.of(spec.file()).toAbsolutePath().getParent();
  }

  private PublishedBatch.Lookup lookup(ProductSpec spec, String transform, Path specDir) {
    return new PublishedBatch(
            config.warehouse(),
            config.spark(),
            catalog,
            (source, product) ->
                ProductSources.fingerprint(
                    inputs.get().entry(spec, source, ProductSources.productId(source, product))))
        .lookup(spec, transform, specDir);
  }
}
