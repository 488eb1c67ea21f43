package io.lakemesh.server.iceberg;

import io.lakemesh.exceptions.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;

/**
 * Each producer's Iceberg catalog as the embedded default keeps it: Iceberg's JDBC catalog on a
 * SQLite file of its own, the warehouse a directory under {@code dir}.
 */
public final class LocalWarehouses implements AccountCatalogs {
  private final Path dir;
  private final Set<String> producers;
  private final Map<String, Catalog> open = new ConcurrentHashMap<>();

  public LocalWarehouses(Path dir, Set<String> producers) {
    this.dir = dir;
    this.producers = producers;
  }

  @Override
  public Catalog of(String account) {
    if (!producers.contains(account)) {
      throw new NotFoundException("account " + account + " has no warehouse");
    }
    return open.computeIfAbsent(
        account,
        a ->
            CatalogUtil.buildIcebergCatalog(
                a,
                Map.of(
                    "type", "jdbc",
                    "uri", "jdbc:sqlite:" + dir.resolve("iceberg-" + a + ".db"),
                    "warehouse", dir.resolve("warehouse").resolve(a).toString(),
                    "jdbc.schema-version", "V1",
                    "clients", "1"),
                new Configuration()));
  }

  @Override
  public void close() {
    for (Catalog catalog : open.values()) {
      if (catalog instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
