package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.sql.SparkSession;

/** The catalog entry of sales.orders as a producer publishes it, with the columns a test needs. */
final class PublishedOrders {
  static final TableId ORDERS = TableId.of("sales", "sales", "orders");

  private PublishedOrders() {}

  /**
   * Writes sales.orders (order_id INT, customer_id STRING, country STRING, amount DOUBLE) with
   * {@code rows} (an SQL VALUES list) to the sales warehouse of {@code lakemesh}, as its producer
   * would; returns the catalog entry that publishes it.
   */
  static Publication inWarehouse(LakemeshConfig lakemesh, String rows) {
    SparkSession producer = SharedSpark.session().newSession();
    lakemesh.warehouse().sparkConf("sales").forEach((k, v) -> producer.conf().set(k, v));
    producer.sql("CREATE NAMESPACE IF NOT EXISTS sales.sales");
    producer.sql(
        "CREATE TABLE sales.sales.orders (order_id INT, customer_id STRING, country STRING,"
            + " amount DOUBLE) USING iceberg");
    producer.sql("INSERT INTO sales.sales.orders VALUES " + rows);
    return with(
        List.of(
            new Column("order_id", "int", true, "", false),
            new Column("customer_id", "string", true, "", false),
            new Column("country", "string", true, "", false),
            new Column("amount", "double", true, "", false)));
  }

  /**
   * A catalog database in {@code dir} where sales has published sales.orders (order_id, amount),
   * then {@code then} ran on the rules over it; returns the config of the demo mesh (central) over
   * that catalog.
   */
  static Path catalogIn(Path dir, Consumer<Governance> then) {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    Path config = CliRun.config(dir, catalogUri, null, null);
    try (GovernanceCatalog catalog =
        CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri))) {
      Governance g =
          Governance.over(LakemeshConfig.load(config, dir).mesh(Topology.CENTRAL), catalog);
      g.publish(
          Principal.administrator("sales"),
          with(
              List.of(
                  new Column("order_id", "bigint", false, "", false),
                  new Column("amount", "decimal(12,2)", true, "", false))));
      then.accept(g);
    }
    return config;
  }

  static Publication with(List<Column> columns) {
    Map<String, String> p =
        Map.of(
            TableParameters.PRODUCT, "sales.orders",
            TableParameters.DESCRIPTION, "Order lines",
            TableParameters.OWNER_TEAM, "sales-data",
            TableParameters.SNAPSHOT_ID, "1",
            TableParameters.QUALITY_STATUS, "PASSED");
    return new Publication(
        new CatalogTable(
            ORDERS, columns, "file:/w/sales/orders", "iceberg", List.of(), p, 0, Instant.now()),
        null,
        null,
        null);
  }
}
