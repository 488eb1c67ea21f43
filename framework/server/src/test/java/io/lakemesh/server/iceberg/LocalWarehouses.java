package io.lakemesh.server.iceberg;

import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Mesh;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.jdbc.JdbcCatalog;
import org.apache.iceberg.types.Types;

/**
 * Each producer's Iceberg catalog as the embedded default keeps it: Iceberg's JDBC catalog on a
 * SQLite file of its own, its warehouse a local directory. Accounts that produce nothing have none.
 */
final class LocalWarehouses implements AccountCatalogs {
  static final Schema ORDERS =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.LongType.get()),
          Types.NestedField.optional(2, "customer_id", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)),
          Types.NestedField.optional(4, "country", Types.StringType.get()));

  private final Path dir;
  private final Mesh mesh;
  private final Map<String, JdbcCatalog> open = new ConcurrentHashMap<>();

  LocalWarehouses(Path dir, Mesh mesh) {
    this.dir = dir;
    this.mesh = mesh;
  }

  @Override
  public Catalog of(String account) {
    if (!mesh.isProducer(account)) {
      throw new NotFoundException("account " + account + " has no warehouse: it produces nothing");
    }
    return open.computeIfAbsent(account, this::openCatalog);
  }

  private JdbcCatalog openCatalog(String account) {
    Map<String, String> props = new TreeMap<>();
    props.put("uri", "jdbc:sqlite:" + dir.resolve("iceberg-" + account + ".db"));
    props.put("warehouse", dir.resolve("warehouse").resolve(account).toUri().toString());
    props.put("jdbc.schema-version", "V1");
    props.put("clients", "1");
    JdbcCatalog catalog = new JdbcCatalog();
    catalog.initialize(account, props);
    return catalog;
  }

  /** Creates the producer's table {@code database.table} with the orders schema. */
  Table create(String account, String database, String table) {
    Catalog catalog = of(account);
    Namespace namespace = Namespace.of(database);
    if (!((SupportsNamespaces) catalog).namespaceExists(namespace)) {
      ((SupportsNamespaces) catalog).createNamespace(namespace);
    }
    return catalog.createTable(TableIdentifier.of(database, table), ORDERS);
  }

  /** Commits a new snapshot (one data file's worth of metadata), as a producer job would. */
  static long commit(Table table, String file, long rows) {
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
    open.values().forEach(JdbcCatalog::close);
  }
}
