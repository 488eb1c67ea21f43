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
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;

/**
 * Each producer's Iceberg catalog as the embedded default keeps it: Iceberg's JDBC catalog on a
 * SQLite file of its own, the warehouse a directory under {@code dir}.
 */
public final class LocalWarehouses implements AccountCatalogs {
  /** The schema of the sample orders product. */
  public static final Schema ORDERS =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.LongType.get()),
          Types.NestedField.optional(2, "customer_id", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)),
          Types.NestedField.optional(4, "country", Types.StringType.get()));

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

  /** Creates the producer's table {@code database.table} with the orders schema. */
  public Table create(String account, String database, String table) {
    SupportsNamespaces namespaces = (SupportsNamespaces) of(account);
    if (!namespaces.namespaceExists(Namespace.of(database))) {
      namespaces.createNamespace(Namespace.of(database));
    }
    return of(account).createTable(TableIdentifier.of(database, table), ORDERS);
  }

  /** Commits a new snapshot (one data file's worth of metadata), as a producer job would. */
  public static long commit(Table table, String file, long rows) {
    DataFile data =
        DataFiles.builder(PartitionSpec.unpartitioned())
            .withPath(table.location() + "/data/" + file)
            .withFileSizeInBytes(1024)
            .withRecordCount(rows)
            .withFormat("parquet")
            .build();
    table.newAppend().appendFile(data).commit();
    return table.currentSnapshot().snapshotId();
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
