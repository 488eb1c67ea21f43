package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishTest {
  @TempDir Path home;

  @Test
  void publishedOrdersReadTheSameWithPlainIcebergSpark() {
    try (TestMesh mesh = TestMesh.in(home)) {
      RunReport report = mesh.run("sales.orders", Map.of());

      assertThat(report.status()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(report.exitCode()).isZero();
      assertThat(report.outputRows()).isEqualTo(500L);
      assertThat(report.sourceRows()).containsEntry("orders", 500L);

      // Only Iceberg's own catalog settings: no lakemesh class takes part in this read.
      SparkSession plain = SharedSpark.session().newSession();
      plain.conf().set("spark.sql.catalog.sales", "org.apache.iceberg.spark.SparkCatalog");
      plain.conf().set("spark.sql.catalog.sales.type", "jdbc");
      plain
          .conf()
          .set(
              "spark.sql.catalog.sales.uri",
              "jdbc:sqlite:" + home.resolve("catalog.iceberg.sales.db"));
      plain
          .conf()
          .set("spark.sql.catalog.sales.warehouse", home.resolve("warehouse/sales").toString());
      Dataset<Row> published = plain.table("sales.sales.orders");
      Dataset<Row> expected =
          plain
              .read()
              .option("header", "true")
              .schema(
                  "order_id STRING, customer_id STRING, product_id STRING, quantity INT, unit_price DECIMAL(12,2), "
                      + "currency STRING, order_ts TIMESTAMP, status STRING, country STRING")
              .csv(TestMesh.SAMPLE_ORDERS.toString())
              .selectExpr("*", "CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount");
      assertThat(published.count()).isEqualTo(500);
      assertThat(published.exceptAll(expected).count()).isZero();
      assertThat(expected.exceptAll(published).count()).isZero();
    }
  }

  @Test
  void publishedFilesAreZstdAtLevelOne() {
    try (TestMesh mesh = TestMesh.in(home)) {
      mesh.run("sales.orders", Map.of());
      Table table = mesh.icebergTable("sales", "sales.orders");

      assertThat(table.properties()).containsEntry("write.parquet.compression-level", "1");
      List<String> codecs = ParquetCodecs.of(table);
      // sales.orders has 10 columns; every chunk of every file is zstd, as Athena and Trino expect.
      assertThat(codecs).hasSizeGreaterThanOrEqualTo(10).containsOnly("ZSTD");
    }
  }

  @Test
  void publishRecordsMetadataQualityAndLineageInTheCatalog() {
    try (TestMesh mesh = TestMesh.in(home)) {
      RunReport report = mesh.run("sales.orders", Map.of());
      TableId id = TableId.of("sales", "sales", "orders");
      CatalogTable entry = mesh.catalog.loadTable(id);

      assertThat(entry.parameter(TableParameters.SNAPSHOT_ID))
          .contains(Long.toString(mesh.mainSnapshot("sales", "sales.orders")));
      assertThat(entry.parameter(TableParameters.ROW_COUNT)).contains("500");
      assertThat(entry.parameter(TableParameters.OWNER_TEAM)).contains("Sales Engineering");
      assertThat(entry.parameter(TableParameters.TAG_PREFIX + "classification"))
          .contains("internal");
      assertThat(entry.parameter(TableParameters.SLA_FRESHNESS)).contains("24h");
      assertThat(entry.parameter(TableParameters.QUALITY_STATUS))
          .hasValueSatisfying(s -> assertThat(s).startsWith("PASSED"));
      assertThat(entry.format()).isEqualTo("iceberg");
      assertThat(entry.partitioning()).containsExactly("months(order_ts)");
      assertThat(entry.column("customer_id")).hasValueSatisfying(c -> assertThat(c.pii()).isTrue());
      assertThat(entry.column("amount"))
          .hasValueSatisfying(c -> assertThat(c.type()).isEqualTo("decimal(12,2)"));

      List<QualityRun> quality = mesh.catalog.qualityHistory(id, 10);
      assertThat(quality).hasSize(1);
      assertThat(quality.get(0).runId()).isEqualTo(report.runId());
      assertThat(quality.get(0).outcome()).isNotEqualTo(QualityRun.Outcome.FAILED);
      assertThat(quality.get(0).metrics()).isNotEmpty();

      List<LineageEvent> lineage = mesh.catalog.lineage("lakemesh://sales/sales.orders", 10);
      assertThat(lineage).hasSize(1);
      assertThat(lineage.get(0).inputs())
          .singleElement()
          .asString()
          .startsWith("file:/")
          .endsWith("orders.csv");
      assertThat(lineage.get(0).document())
          .contains(
              "\"eventType\":\"COMPLETE\"",
              "\"schema\"",
              "\"dataQualityMetrics\"",
              "\"dataQualityAssertions\"",
              "\"outputStatistics\"");

      assertThat(mesh.catalog.findJobRun(report.runId()))
          .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(JobRun.Status.PUBLISHED));
    }
  }

  @Test
  void aSecondBatchMergesByOrderIdAndABadOneIsRejected() throws IOException {
    try (TestMesh mesh = TestMesh.in(home)) {
      mesh.run("sales.orders", Map.of());
      List<String> lines = new ArrayList<>(Files.readAllLines(TestMesh.SAMPLE_ORDERS));
      List<String> batch = new ArrayList<>(List.of(lines.get(0)));
      for (int i = 1; i <= 10; i++) {
        batch.add(lines.get(i).replaceAll(",(placed|shipped|delivered|cancelled),", ",delivered,"));
      }
      for (int i = 1; i <= 5; i++) {
        batch.add(lines.get(i).replaceFirst("^O", "N"));
      }
      Path update = Files.write(home.resolve("update.csv"), batch);

      RunReport merged = mesh.run("sales.orders", Map.of("orders", update.toString()));

      assertThat(merged.status()).as(merged.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(merged.outputRows()).isEqualTo(505L);
      Long snapshot = mesh.mainSnapshot("sales", "sales.orders");
      RunReport bad =
          mesh.run(
              "sales.orders",
              Map.of("orders", TestMesh.REPO.resolve("jobs/bad/sales/orders.csv").toString()));
      assertThat(bad.status()).isEqualTo(JobRun.Status.REJECTED);
      assertThat(mesh.mainSnapshot("sales", "sales.orders")).isEqualTo(snapshot);
    }
  }

  @Test
  void lineageHasTwoHopsAndUnchangedInputsAreNotPublishedTwice() {
    try (TestMesh mesh = TestMesh.in(home)) {
      assertThat(mesh.run("product.inventory", Map.of()).status())
          .isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(mesh.run("sales.orders", Map.of()).status()).isEqualTo(JobRun.Status.PUBLISHED);
      RunReport revenue = mesh.run("finance.revenue", Map.of());
      assertThat(revenue.status()).isEqualTo(JobRun.Status.PUBLISHED);

      LineageEvent finance = mesh.catalog.lineage("lakemesh://finance/finance.revenue", 1).get(0);
      assertThat(finance.inputs())
          .containsExactlyInAnyOrder(
              "lakemesh://sales/sales.orders", "lakemesh://product/product.inventory");
      assertThat(mesh.catalog.lineage("lakemesh://sales/sales.orders", 10))
          .extracting(LineageEvent::job)
          .contains("sales.orders", "finance.revenue");

      long versions =
          mesh.catalog.tableVersions(TableId.of("finance", "finance", "revenue")).size();
      RunReport again = mesh.run("finance.revenue", Map.of());
      assertThat(again.status()).isEqualTo(JobRun.Status.UNCHANGED);
      assertThat(mesh.catalog.tableVersions(TableId.of("finance", "finance", "revenue")))
          .hasSize((int) versions);
    }
  }
}
