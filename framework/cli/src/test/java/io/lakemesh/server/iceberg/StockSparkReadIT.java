package io.lakemesh.server.iceberg;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Warehouse;
import io.lakemesh.runtime.WarehouseCatalogs;
import io.lakemesh.server.AccessTokens;
import io.lakemesh.server.CatalogServer;
import io.lakemesh.server.CatalogServerOptions;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.data.parquet.GenericParquetWriter;
import org.apache.iceberg.io.DataWriter;
import org.apache.iceberg.parquet.Parquet;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A consumer's stock Spark (Spark and Iceberg's Spark runtime only, in a JVM of its own, {@code
 * type=rest}) reads the mesh through the catalog server's Iceberg REST endpoint with the consumer's
 * token: a granted product through its link, a refusal for a product it was not granted, and a
 * refusal on the next load after the producer revokes. The server runs here, on framework/cli's
 * classpath, where Iceberg's classes come from the Spark runtime with its Jackson shaded.
 */
class StockSparkReadIT {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final TableId INVENTORY = TableId.of("product", "product", "inventory");
  private static final Schema ORDERS_SCHEMA =
      new Schema(
          Types.NestedField.required(1, "order_id", Types.LongType.get()),
          Types.NestedField.optional(2, "customer_id", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DecimalType.of(12, 2)),
          Types.NestedField.optional(4, "country", Types.StringType.get()));

  @TempDir Path dir;

  @Test
  void aStockSparkReadsItsGrantedProductAndIsRefusedTheRest() throws Exception {
    Mesh mesh = MeshFixtures.demo(Topology.CENTRAL);
    String catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    Warehouse warehouse = Warehouse.of(catalogUri, dir.resolve("warehouse").toString());
    try (GovernanceCatalog catalog =
            CatalogLoader.load("jdbc", "lakemesh", Map.of("uri", catalogUri));
        WarehouseCatalogs warehouses = new WarehouseCatalogs(warehouse, mesh)) {
      Governance governance = Governance.over(mesh, catalog);
      Table orders = writeOrders(warehouses.of("sales"));
      governance.publish(SALES, publication(ORDERS, orders.location()));
      governance.publish(PRODUCT, publication(INVENTORY, "file:/warehouse/product/inventory"));
      long subscription =
          governance
              .requestAccess(MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT))
              .id();
      governance.approve(SALES, subscription);
      // Marketing may describe the inventory and holds a link to it, but may not select from it.
      governance.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), Set.of(Permission.DESCRIBE));
      governance.createLink(MARKETING, ResourceLink.defaultTableLink("marketing", INVENTORY));

      try (CatalogServer server =
          CatalogServer.start(
              governance,
              catalog,
              CatalogServerOptions.defaults().port(0).requestLog(line -> {}),
              warehouses,
              TableCredentials.none())) {
        String token =
            new AccessTokens(catalog, governance)
                .issue(MARKETING, Duration.ofHours(1), "stock spark")
                .text();
        Path signals = Files.createDirectories(dir.resolve("signals"));
        Process spark = stockSpark(server.uri() + IcebergRest.MOUNT, token, signals);
        awaitSignal(spark, signals.resolve("read"));
        governance.revokeSubscription(SALES, subscription);
        Files.writeString(signals.resolve("revoked"), "");
        assertThat(spark.waitFor(5, TimeUnit.MINUTES)).as(output()).isTrue();
        assertThat(spark.exitValue()).as(output()).isZero();

        List<String> lines = Files.readAllLines(dir.resolve("stock-read.out"));
        System.out.println("the stock Spark answered:\n" + String.join("\n", lines));
        assertThat(lines).as(output()).contains("lakemesh-classes: none", "granted: 3 2 37.75");
        assertThat(line(lines, "ungranted: "))
            .startsWith("REFUSED ")
            .contains(
                "access denied: marketing may not SELECT table product:product.inventory (through"
                    + " marketing:product_link.inventory): missing SELECT");
        assertThat(line(lines, "revoked: "))
            .startsWith("REFUSED ")
            .contains(
                "access denied: marketing may not SELECT table sales:sales.orders (through"
                    + " marketing:sales_link.orders): missing SELECT");
        String tokenId = token.substring(4, token.indexOf('_', 4));
        assertThat(
                governance.audit(GOVERNANCE, AuditQuery.all().withActor(MARKETING)).stream()
                    .filter(e -> e.action() == AuditAction.READ))
            .singleElement()
            .satisfies(
                e -> {
                  assertThat(e.resource()).isEqualTo("table sales:sales.orders");
                  assertThat(e.token()).isEqualTo(tokenId);
                });
      }
    }
  }

  /** The producer's table, as its job would leave it: three orders in one Parquet file. */
  private static Table writeOrders(Catalog producer) throws IOException {
    ((SupportsNamespaces) producer).createNamespace(Namespace.of("sales"));
    Table table = producer.createTable(TableIdentifier.of("sales", "orders"), ORDERS_SCHEMA);
    DataWriter<Record> writer =
        Parquet.writeData(table.io().newOutputFile(table.location() + "/data/orders-0.parquet"))
            .schema(ORDERS_SCHEMA)
            .createWriterFunc(GenericParquetWriter::create)
            .withSpec(PartitionSpec.unpartitioned())
            .build();
    try (writer) {
      writer.write(order(1, "C001", "10.00", "US"));
      writer.write(order(2, "C002", "20.50", "US"));
      writer.write(order(3, "C003", "7.25", "DE"));
    }
    DataFile file = writer.toDataFile();
    table.newAppend().appendFile(file).commit();
    return table;
  }

  private static Record order(long id, String customer, String amount, String country) {
    GenericRecord r = GenericRecord.create(ORDERS_SCHEMA);
    r.setField("order_id", id);
    r.setField("customer_id", customer);
    r.setField("amount", new BigDecimal(amount));
    r.setField("country", country);
    return r;
  }

  private static Publication publication(TableId id, String location) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(TableParameters.PRODUCT, id.qualifiedName());
    parameters.put(TableParameters.OWNER_TEAM, id.catalog() + "-data");
    List<Column> columns =
        List.of(
            new Column("order_id", "bigint", false, "", false),
            new Column("customer_id", "string", true, "", true),
            new Column("amount", "decimal(12,2)", true, "", false),
            new Column("country", "string", true, "", false));
    return new Publication(
        new CatalogTable(id, columns, location, "iceberg", List.of(), parameters, 0, Instant.now()),
        null,
        null,
        null);
  }

  /**
   * A JVM with the third-party jars of this test's classpath only (Spark, Iceberg's Spark runtime
   * and what they need; no lakemesh module), running StockRead.java from source.
   */
  private Process stockSpark(String uri, String token, Path signals)
      throws IOException, URISyntaxException {
    String classpath =
        String.join(
            File.pathSeparator,
            Arrays.stream(testClasspath().split(File.pathSeparator))
                .filter(e -> e.endsWith(".jar"))
                .filter(e -> !Path.of(e).getFileName().toString().startsWith("lakemesh-"))
                .filter(
                    e ->
                        !e.contains(
                            File.separator + "io" + File.separator + "lakemesh" + File.separator))
                .toList());
    Path source = Path.of(getClass().getResource("/stock-spark/StockRead.java").toURI());
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1g");
    command.addAll(Arrays.asList(System.getProperty("spark.jvm.opens", "").split(" ")));
    command.addAll(List.of("-cp", classpath, source.toString(), uri, token, signals.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command.stream().filter(s -> !s.isBlank()).toList());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPARK_") || k.startsWith("LAKEMESH_"));
    builder.redirectOutput(dir.resolve("stock-read.out").toFile());
    builder.redirectError(dir.resolve("stock-read.err").toFile());
    return builder.start();
  }

  // Surefire and failsafe put the test classpath here when the JVM's own is a manifest-only jar.
  private static String testClasspath() {
    return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
  }

  private void awaitSignal(Process spark, Path signal) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!Files.exists(signal)) {
      if (!spark.isAlive() || System.nanoTime() > deadline) {
        spark.destroyForcibly();
        throw new AssertionError("the stock Spark stopped before its first reads\n" + output());
      }
      Thread.sleep(200);
    }
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in " + lines));
  }

  private String output() {
    try {
      List<String> err = Files.readAllLines(dir.resolve("stock-read.err"));
      return String.join("\n", Files.readAllLines(dir.resolve("stock-read.out")))
          + "\n--- stderr (end) ---\n"
          + String.join("\n", err.subList(Math.max(0, err.size() - 60), err.size()));
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }
}
