package io.lakemesh.server.iceberg;

import org.apache.iceberg.rest.RESTCompatibilityKitViewCatalogTests;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The views half of Iceberg's REST Compatibility Kit ({@code ViewCatalogTests}) against the catalog
 * server, as a producer in its own warehouse, whose JDBC catalog keeps views.
 */
@ExtendWith(RckCatalogServer.class)
class IcebergRestViewCompatibilityIT extends RESTCompatibilityKitViewCatalogTests {}
