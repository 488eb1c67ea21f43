package io.lakemesh.runtime;

import io.lakemesh.exceptions.ExternalServiceException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Mesh;
import io.lakemesh.server.iceberg.AccountCatalogs;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * The producers' Iceberg catalogs as the catalog server serves them: each opened from the
 * environment's warehouse on first use ({@link Warehouse#icebergProperties(String)}, the same
 * catalog the producer's jobs write to), kept for every later request, and closed with this.
 */
public final class WarehouseCatalogs implements AccountCatalogs {
  private final Warehouse warehouse;
  private final Mesh mesh;
  private final Map<String, Catalog> open = new ConcurrentHashMap<>();

  public WarehouseCatalogs(Warehouse warehouse, Mesh mesh) {
    this.warehouse = warehouse;
    this.mesh = mesh;
  }

  @Override
  public Catalog of(String account) {
    if (!mesh.isProducer(mesh.account(account).id())) {
      throw new NotFoundException(
          "account " + account + " is not a producer, so it has no warehouse");
    }
    return open.computeIfAbsent(
        account,
        a ->
            CatalogUtil.buildIcebergCatalog(
                a, warehouse.icebergProperties(a), new Configuration()));
  }

  @Override
  public void close() {
    RuntimeException failed = null;
    for (Catalog catalog : open.values()) {
      try {
        if (catalog instanceof AutoCloseable closeable) {
          closeable.close();
        }
      } catch (Exception e) {
        failed =
            new ExternalServiceException(
                "cannot close the Iceberg catalog " + catalog.name() + ": " + e.getMessage(), e);
      }
    }
    open.clear();
    if (failed != null) {
      throw failed;
    }
  }
}
