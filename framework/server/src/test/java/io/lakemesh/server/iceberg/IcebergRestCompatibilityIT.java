package io.lakemesh.server.iceberg;

import org.apache.iceberg.rest.RESTCompatibilityKitCatalogTests;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Apache Iceberg's REST Compatibility Kit (its whole {@code CatalogTests}, through Iceberg's REST
 * client) against the catalog server's Iceberg REST catalog, as a producer in its own warehouse.
 * Iceberg's own reference server is not started ({@code rck.local=false}, set in failsafe's
 * configuration). The README lists what is skipped and why.
 */
@ExtendWith(RckCatalogServer.class)
class IcebergRestCompatibilityIT extends RESTCompatibilityKitCatalogTests {

  /**
   * A '/' inside a namespace or table name reaches the server encoded ({@code %2F}), which the
   * server refuses (400) because such a path means two things; no lakemesh name holds one.
   */
  @Override
  protected boolean supportsNamesWithSlashes() {
    return false;
  }

  /** A producer's warehouse (Iceberg's JDBC catalog) nests namespaces; the path encodes them. */
  @Override
  protected boolean supportsNestedNamespaces() {
    return true;
  }
}
