package io.lakemesh.runtime;

import io.lakemesh.catalog.Publication;
import io.lakemesh.spec.ProductSpec;

/**
 * How a successful run reaches the catalog. Plain catalogs publish directly; a governed mesh
 * publishes as the producer account, audited, and then ensures its subscribers' links.
 */
@FunctionalInterface
public interface Publisher {
  void publish(ProductSpec spec, Publication publication);
}
