package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge product (sales.orders, keyed by order id) run on two batches, its table read back row by
 * row: a matched key is updated, an unmatched one inserted, a key the batch leaves out kept, and a
 * null column of a matched key takes the batch's value. A first load, into a table that holds no
 * row, is written as an append of the batch; later batches are merged on read, so an upsert writes
 * the batch and marks the rows it replaces.
 */
class MergedRowsTest {
  private static final String HEADER =
      "order_id,customer_id,product_id,quantity,unit_price,currency,order_ts,status,country";

  @TempDir Path dir;

  @Test
  void aSecondBatchUpdatesMatchedKeysInsertsNewOnesAndKeepsTheRest() throws Exception {
    Path first =
        Files.write(
            dir.resolve("first.csv"),
            List.of(
                HEADER,
                "O1,C1,P1,2,10.00,USD,2026-01-01T10:00:00,placed,US",
                "O2,C2,P2,1,5.50,EUR,2026-01-02T11:00:00,placed,DE",
                "O3,C3,P3,3,2.00,,2026-01-03T12:00:00,,FR"));
    Path second =
        Files.write(
            dir.resolve("second.csv"),
            List.of(
                HEADER,
                "O1,C1,P1,2,10.00,USD,2026-01-01T10:00:00,shipped,US",
                "O3,C3,P3,4,2.00,GBP,2026-01-03T12:00:00,delivered,FR",
                "O4,C4,P1,5,1.25,USD,2026-02-04T09:30:00,placed,GB"));

    try (TestMesh mesh = TestMesh.in(dir.resolve("home"))) {
      RunReport loaded = mesh.run("sales.orders", Map.of("orders", first.toString()));
      assertThat(loaded.status()).as(loaded.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(rows(mesh))
          .containsExactly(
              "O1|C1|P1|2|10.00|USD|2026-01-01 10:00:00|placed|US|20.00",
              "O2|C2|P2|1|5.50|EUR|2026-01-02 11:00:00|placed|DE|5.50",
              "O3|C3|P3|3|2.00|null|2026-01-03 12:00:00|null|FR|6.00");

      RunReport merged = mesh.run("sales.orders", Map.of("orders", second.toString()));

      assertThat(merged.status()).as(merged.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(merged.outputRows()).isEqualTo(4L);
      assertThat(rows(mesh))
          .containsExactly(
              "O1|C1|P1|2|10.00|USD|2026-01-01 10:00:00|shipped|US|20.00",
              "O2|C2|P2|1|5.50|EUR|2026-01-02 11:00:00|placed|DE|5.50",
              "O3|C3|P3|4|2.00|GBP|2026-01-03 12:00:00|delivered|FR|8.00",
              "O4|C4|P1|5|1.25|USD|2026-02-04 09:30:00|placed|GB|6.25");
      // Merge-on-read: the batch's 3 rows are written and the 2 rows they replace marked in a
      // delete file; the load's data file stays as it was. The catalog counts the rows read.
      Row upsert =
          session(mesh)
              .sql(
                  "SELECT summary['added-records'], summary['added-position-deletes'],"
                      + " coalesce(summary['deleted-data-files'], '0')"
                      + " FROM sales.sales.orders.snapshots WHERE snapshot_id = "
                      + merged.publishedSnapshotId())
              .first();
      assertThat(List.of(upsert.getString(0), upsert.getString(1), upsert.getString(2)))
          .containsExactly("3", "2", "0");
      assertThat(
              mesh.catalog
                  .findTable(TableId.of("sales", "sales", "orders"))
                  .orElseThrow()
                  .parameters()
                  .get(TableParameters.ROW_COUNT))
          .isEqualTo("4");
    }
  }

  @Test
  void aFirstLoadAppendsTheBatchAsAMergeIntoNoRowsWould() throws Exception {
    Path first =
        Files.write(
            dir.resolve("first.csv"),
            List.of(
                HEADER,
                "O2,C2,P2,1,5.50,EUR,2026-01-02T11:00:00,placed,DE",
                "O1,C1,P1,2,10.00,USD,2026-01-01T10:00:00,placed,US"));

    try (TestMesh mesh = TestMesh.in(dir.resolve("home"))) {
      RunReport loaded = mesh.run("sales.orders", Map.of("orders", first.toString()));

      assertThat(loaded.status()).as(loaded.message()).isEqualTo(JobRun.Status.PUBLISHED);
      assertThat(rows(mesh))
          .containsExactly(
              "O1|C1|P1|2|10.00|USD|2026-01-01 10:00:00|placed|US|20.00",
              "O2|C2|P2|1|5.50|EUR|2026-01-02 11:00:00|placed|DE|5.50");
      // An append snapshot: readers may read it incrementally, which they cannot across an
      // overwrite.
      Row published =
          session(mesh)
              .sql(
                  "SELECT operation, summary['added-records'] FROM sales.sales.orders.snapshots"
                      + " WHERE snapshot_id = "
                      + loaded.publishedSnapshotId())
              .first();
      assertThat(published.getString(0)).isEqualTo("append");
      assertThat(published.getString(1)).isEqualTo("2");
    }
  }

  @Test
  void aFirstLoadWithARepeatedKeyIsRejectedAndPublishesNothing() throws Exception {
    Path first =
        Files.write(
            dir.resolve("first.csv"),
            List.of(
                HEADER,
                "O1,C1,P1,2,10.00,USD,2026-01-01T10:00:00,placed,US",
                "O1,C2,P2,1,5.50,EUR,2026-01-02T11:00:00,placed,DE"));

    try (TestMesh mesh = TestMesh.in(dir.resolve("home"))) {
      RunReport loaded = mesh.run("sales.orders", Map.of("orders", first.toString()));

      assertThat(loaded.status()).isEqualTo(JobRun.Status.REJECTED);
      assertThat(loaded.message()).contains("unique(order_id)");
      assertThat(mesh.catalog.findTable(TableId.of("sales", "sales", "orders"))).isEmpty();
    }
  }

  private static SparkSession session(TestMesh mesh) {
    return SparkSessions.forAccounts(
        SharedSpark.session(), mesh.config.warehouse(), List.of("sales"));
  }

  /** The published table's rows in key order, each as its columns' text joined by '|'. */
  private static List<String> rows(TestMesh mesh) {
    return session(mesh)
        .sql(
            "SELECT concat_ws('|', order_id, customer_id, product_id, cast(quantity AS STRING),"
                + " cast(unit_price AS STRING), coalesce(currency, 'null'), cast(order_ts AS STRING),"
                + " coalesce(status, 'null'), country, cast(amount AS STRING)) FROM sales.sales.orders ORDER BY order_id")
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }
}
