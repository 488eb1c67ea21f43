package io.lakemesh.runtime;

import io.lakemesh.catalog.Publication;
import io.lakemesh.spec.ProductSpec;
import java.util.List;

/**
 * How a successful run reaches the catalog. Plain catalogs publish directly; a governed mesh
 * publishes as the producer account, audited, and then ensures its subscribers' links.
 */
public interface Publisher {
  /**
   * Refuses, before the job reads anything, a product this publisher could not publish (an unknown
   * subscriber, an account that is no producer), so that no run is wasted on it.
   */
  default void check(ProductSpec spec) {}

  /** Publishes; returns what the run's progress should tell about it. */
  List<String> publish(ProductSpec spec, Publication publication);

  /**
   * Makes sure the product's subscribers have their links, after a publish and again on every run
   * whose batch is published already: a run cut short between the publish and this step leaves them
   * to the next run, not to the next new batch. Returns what the progress should tell.
   */
  default List<String> ensureLinks(ProductSpec spec) {
    return List.of();
  }
}
