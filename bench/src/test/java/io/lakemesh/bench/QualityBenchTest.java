package io.lakemesh.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.bench.handwritten.HandJob;
import io.lakemesh.runtime.SparkSessions;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality benchmark's cases on tiny data (2,000 rows, one run each), untimed: every case runs
 * and is reported, and the hand-written job publishes the same rows as lakemesh.
 */
class QualityBenchTest {
  private static final long ROWS = 2_000;
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir static Path work;
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    System.setProperty("lakemesh.root", ROOT.toString());
    spark = SparkSessions.shared(BenchProducts.config(work).spark());
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void everyInProcessCaseRunsOnceAndIsReported() throws Exception {
    Figures figures = new Figures(ROWS);
    new QualityBench(ROWS, 1, work, spark).measure(figures);

    for (String figure :
        List.of(
            "A",
            "B",
            "B_scan_only",
            "B_quarantine",
            "C",
            "D",
            "D_partitioned",
            "E_incremental",
            "E_full",
            "M_incremental",
            "M_full")) {
      assertThat(figures.runs(figure)).as(figure).hasSize(1);
    }
    assertThat(figures.notes()).noneMatch(n -> n.startsWith("B_quarantine"));
    JsonNode json = new ObjectMapper().readTree(figures.json(1));
    assertThat(json.path("ratios").has("B_over_A")).isTrue();
    assertThat(json.path("ratios").has("merge_incremental_over_full")).isTrue();
    assertThat(figures.table(1)).contains("M upsert gate / full");
  }

  @Test
  void sideBySideCasesRunAsProcessesAndBothJobsPublishTheSameRows() throws Exception {
    Figures figures = new Figures(ROWS);
    SideBySide side = new SideBySide(ROOT, work, SideBySide.Launchers.inThisJvm(ROOT));
    side.measure(new BenchData(spark, work), ROWS, 1, figures);

    for (String figure :
        List.of(
            "H",
            "H_upsert",
            "A_process",
            "B_process",
            "B_upsert",
            "run_unchanged",
            "run_1000",
            "catalog_list")) {
      assertThat(figures.runs(figure)).as(figure).hasSize(1);
    }
    JsonNode json = new ObjectMapper().readTree(figures.json(1));
    for (String ratio : List.of("A_over_H", "B_over_H", "B_upsert_over_H_upsert")) {
      assertThat(json.path("ratios").has(ratio)).as(ratio).isTrue();
    }

    // Both loaded orders 0..1999, then upserted 1950..2049 with new values: 50 changed, 50 new.
    SparkSession ours =
        SparkSessions.forAccounts(
            spark, BenchProducts.config(side.lastHome()).warehouse(), List.of("sales"));
    try {
      Dataset<Row> lakemesh = ours.table("sales.sales.orders");
      Dataset<Row> handWritten = handWrittenTable(side.lastWarehouse());
      assertThat(lakemesh.count()).isEqualTo(2_050);
      assertThat(handWritten.count()).isEqualTo(2_050);
      assertThat(sorted(lakemesh)).isEqualTo(sorted(handWritten));

      // The merged rows are the upsert's, read back: its 100 rows as the CSV holds them.
      Dataset<Row> upsert =
          spark
              .read()
              .schema(BenchProducts.SCHEMA)
              .option("header", "true")
              .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss")
              .csv(work.resolve("data/orders-2000-upsert-1").toString())
              .selectExpr("*", "CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount");
      assertThat(upsert.count()).isEqualTo(100);
      Dataset<Row> merged = lakemesh.where("order_id BETWEEN 'O0000001950' AND 'O0000002049'");
      assertThat(sorted(merged)).hasSize(100).isEqualTo(sorted(upsert));
    } finally {
      SparkSessions.closeCatalogs(ours, List.of("sales"));
    }
  }

  /** The rows in order_id order (the tables come from sessions of their own, so compared here). */
  private static List<Row> sorted(Dataset<Row> rows) {
    return rows.orderBy("order_id").collectAsList();
  }

  /**
   * The hand-written job's table, through a Hadoop catalog over its warehouse as the job names it.
   */
  private static Dataset<Row> handWrittenTable(Path warehouse) {
    SparkSession session = spark.newSession();
    session.conf().set("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog");
    session.conf().set("spark.sql.catalog.lake.type", "hadoop");
    session.conf().set("spark.sql.catalog.lake.warehouse", warehouse.toString());
    return session.table(HandJob.TABLE);
  }
}
