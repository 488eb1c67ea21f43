package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.runtime.Json;
import io.lakemesh.runtime.WarehouseCatalogs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code quarantine list|show} read the rows sales.orders' gate set aside, for its producer and
 * governance; a consumer holding SELECT on the product is refused them (exit 4) and sees the counts
 * in {@code catalog show}. The quarantine table is written here as a run leaves it.
 */
class QuarantineCommandsTest {
  private static final TableId ORDERS = TableId.of("sales", "sales", "orders");
  private static final Schema QUARANTINE_SCHEMA =
      new Schema(
          Types.NestedField.optional(1, "order_id", Types.IntegerType.get()),
          Types.NestedField.optional(2, "customer_id", Types.StringType.get()),
          Types.NestedField.optional(3, "amount", Types.DoubleType.get()),
          Types.NestedField.required(4, "_run_id", Types.StringType.get()),
          Types.NestedField.required(
              5, "_rules", Types.ListType.ofRequired(6, Types.StringType.get())),
          Types.NestedField.required(7, "_quarantined_at", Types.TimestampType.withZone()));

  @TempDir Path dir;
  private GovernanceCatalog catalog;
  private Path config;

  @BeforeEach
  void ordersWithThreeRowsInQuarantine() throws IOException {
    String catalogUri = "jdbc:sqlite:" + dir.resolve("catalog.db");
    config = CliRun.config(dir, catalogUri, null, null);
    LakemeshConfig lakemesh = LakemeshConfig.load(config, dir);
    catalog = CatalogLoader.load("jdbc", "test", Map.of("uri", catalogUri));
    Governance governance = Governance.over(lakemesh.mesh(Topology.CENTRAL), catalog);
    governance.publish(Principal.administrator("sales"), orders());
    governance.grant(
        Principal.administrator("sales"),
        Principal.administrator("marketing"),
        Resource.columns(ORDERS, List.of("order_id", "amount")),
        Set.of(Permission.SELECT));
    try (WarehouseCatalogs warehouses =
        new WarehouseCatalogs(lakemesh.warehouse(), lakemesh.mesh(Topology.CENTRAL))) {
      writeQuarantine(warehouses.of("sales"));
    }
  }

  @AfterEach
  void close() {
    catalog.close();
  }

  @Test
  void theProducerListsRowsInQuarantineByRunAndRule() throws IOException {
    CliRun list = cli("quarantine list --as sales");

    assertThat(list.code()).as(list.all()).isZero();
    assertThat(list.out())
        .isEqualTo(
            "sales.orders  3 rows in quarantine  oldest 2026-12-01T10:00:00Z\n"
                + "    by run:  run-1: 2, run-2: 1\n"
                + "    by rule: not_null(customer_id): 2, range(amount): 2\n");

    JsonNode json = Json.MAPPER.readTree(cli("quarantine list sales.orders --json").out());
    assertThat(json.size()).isEqualTo(1);
    assertThat(json.get(0).path("product").asText()).isEqualTo("sales.orders");
    assertThat(json.get(0).path("rows").asLong()).isEqualTo(3);
    assertThat(json.get(0).path("byRule").path("range(amount)").asLong()).isEqualTo(2);
    assertThat(json.get(0).path("oldestQuarantinedAt").asText()).isEqualTo("2026-12-01T10:00:00Z");
  }

  @Test
  void theProducerShowsTheRowsOfOneRuleOrOneRunWithTheRulesEachBroke() throws IOException {
    JsonNode rows =
        Json.MAPPER.readTree(cli("quarantine show sales.orders --rule range(amount) --json").out());

    assertThat(rows.size()).isEqualTo(2);
    assertThat(rows.get(0).toString())
        .isEqualTo(
            "{\"order_id\":8,\"customer_id\":null,\"amount\":-5.0,\"_run_id\":\"run-1\","
                + "\"_rules\":[\"not_null(customer_id)\",\"range(amount)\"],"
                + "\"_quarantined_at\":\"2026-12-01T10:00:00Z\"}");
    assertThat(rows.get(1).path("order_id").asInt()).isEqualTo(9);

    CliRun run2 = cli("quarantine show sales.orders --run run-2");
    assertThat(run2.code()).isZero();
    assertThat(run2.out())
        .isEqualTo(
            "order_id\tcustomer_id\tamount\t_run_id\t_rules\t_quarantined_at\n"
                + "9\tc9\t-1.0\trun-2\t[range(amount)]\t2026-12-02T10:00:00Z\n"
                + "1 row\n");
  }

  @Test
  void listWithoutAsInAMeshOfOneProducerListsThatProducersProducts() throws IOException {
    Files.writeString(
        config,
        Files.readString(config)
            + """
        lakemesh.mesh.accounts = [
          { id = governance, roles = [governance], lob = corporate, storage-root = "warehouse/governance" }
          { id = sales, roles = [producer], lob = retail, storage-root = "warehouse/sales" }
          { id = marketing, roles = [consumer], lob = retail, storage-root = "warehouse/marketing" }
        ]
        """);

    CliRun list = cli("quarantine list");

    assertThat(list.code()).as(list.all()).isZero();
    assertThat(list.out())
        .startsWith("sales.orders  3 rows in quarantine  oldest 2026-12-01T10:00:00Z\n");
  }

  @Test
  void listWithoutAsInAMeshOfSeveralProducersNamesThemAndWhatToPass() {
    CliRun list = cli("quarantine list");

    assertThat(list.code()).isEqualTo(2);
    assertThat(list.out()).isEmpty();
    assertThat(list.err())
        .contains("this mesh has 3 producers (sales, product, finance): give --as ACCOUNT");
  }

  @Test
  void governanceReadsTheRowsAndAConsumerHoldingSelectIsRefusedWithExit4() {
    assertThat(cli("quarantine show sales.orders --as governance").out()).endsWith("3 rows\n");

    CliRun refused = cli("quarantine show sales.orders --as marketing");

    assertThat(refused.code()).isEqualTo(4);
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err())
        .contains(
            "access denied: marketing may not SELECT table sales:sales.orders__quarantine: it is"
                + " the quarantine table of sales:sales.orders, whose rows only the producer"
                + " sales and governance read");
    assertThat(cli("quarantine list sales.orders --as marketing").code()).isEqualTo(4);
  }

  @Test
  void catalogShowGivesEveryReaderTheCountsWithRulesOnHiddenColumnsHidden() {
    assertThat(cli("catalog show sales.orders").out())
        .contains("  quarantined: 3 rows (not_null(customer_id): 2, range(amount): 2)\n");
    assertThat(cli("catalog show sales.orders --as marketing").out())
        .contains("  quarantined: 3 rows (hidden rule: 2, range(amount): 2)\n")
        .doesNotContain("customer_id");
  }

  @Test
  void queryReadsItForTheProducerAndRefusesItThroughAConsumersDatabaseLink() {
    Governance governance =
        Governance.over(LakemeshConfig.load(config, dir).mesh(Topology.CENTRAL), catalog);
    Principal marketing = Principal.administrator("marketing");
    governance.grant(
        Principal.administrator("sales"),
        marketing,
        Resource.database(ORDERS.databaseId()),
        Set.of(Permission.SELECT));
    governance.createLink(
        marketing,
        new ResourceLink.DatabaseLink(
            DatabaseId.of("marketing", "sales_link"), ORDERS.databaseId()));

    // The producer names its account's catalog: its database is named like it.
    CliRun producer =
        query("sales", "SELECT order_id FROM sales.sales.orders__quarantine ORDER BY order_id");
    CliRun consumer = query("marketing", "SELECT * FROM sales_link.orders__quarantine");

    assertThat(producer.code()).as(producer.all()).isZero();
    assertThat(producer.out()).isEqualTo("order_id\n7\n8\n9\n3 rows\n");
    assertThat(consumer.code()).isEqualTo(4);
    assertThat(consumer.err())
        .contains(
            "access denied: marketing may not SELECT table sales:sales.orders__quarantine (through"
                + " marketing:sales_link.orders__quarantine): it is the quarantine table of"
                + " sales:sales.orders");
  }

  private CliRun query(String as, String sql) {
    return CliRun.of(
        "query", sql, "--as", as, "--config", config.toString(), "--home", dir.toString());
  }

  private CliRun cli(String command) {
    return CliRun.in(dir, config, command);
  }

  /** sales.orders, its current version having set aside 3 rows. */
  private static Publication orders() {
    Map<String, String> p =
        Map.of(
            TableParameters.PRODUCT, "sales.orders",
            TableParameters.OWNER_TEAM, "sales-data",
            TableParameters.QUARANTINE_ROWS, "3",
            TableParameters.QUARANTINE_RULES, "{\"not_null(customer_id)\":2,\"range(amount)\":2}");
    List<Column> columns =
        List.of(
            new Column("order_id", "int", true, "", false),
            new Column("customer_id", "string", true, "", false),
            new Column("amount", "double", true, "", false));
    return new Publication(
        new CatalogTable(
            ORDERS, columns, "file:/w/sales/orders", "iceberg", List.of(), p, 0, Instant.now()),
        null,
        null,
        null);
  }

  /** The quarantine table as two runs left it: two rows of run-1, one of run-2. */
  private static void writeQuarantine(Catalog warehouse) throws IOException {
    ((SupportsNamespaces) warehouse).createNamespace(Namespace.of("sales"));
    Table table =
        warehouse.createTable(TableIdentifier.of("sales", "orders__quarantine"), QUARANTINE_SCHEMA);
    DataWriter<Record> writer =
        Parquet.writeData(table.io().newOutputFile(table.location() + "/data/q-0.parquet"))
            .schema(table.schema())
            .createWriterFunc(GenericParquetWriter::create)
            .withSpec(PartitionSpec.unpartitioned())
            .build();
    try (writer) {
      Schema s = table.schema(); // its field ids, as the catalog assigned them
      writer.write(row(s, 7, null, 10.0, "run-1", List.of("not_null(customer_id)"), "2026-12-01"));
      writer.write(
          row(
              s,
              8,
              null,
              -5.0,
              "run-1",
              List.of("not_null(customer_id)", "range(amount)"),
              "2026-12-01"));
      writer.write(row(s, 9, "c9", -1.0, "run-2", List.of("range(amount)"), "2026-12-02"));
    }
    DataFile file = writer.toDataFile();
    table.newAppend().appendFile(file).commit();
  }

  private static Record row(
      Schema schema,
      int order,
      String customer,
      double amount,
      String run,
      List<String> rules,
      String day) {
    GenericRecord r = GenericRecord.create(schema);
    r.setField("order_id", order);
    r.setField("customer_id", customer);
    r.setField("amount", amount);
    r.setField("_run_id", run);
    r.setField("_rules", rules);
    r.setField("_quarantined_at", OffsetDateTime.parse(day + "T10:00:00Z"));
    return r;
  }
}
