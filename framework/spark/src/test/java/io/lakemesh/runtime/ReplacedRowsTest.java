package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.testing.SharedSpark;
import java.nio.file.Path;
import java.util.List;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows a merge replaced, told from the files a merge-on-read {@code MERGE} added on a real
 * Iceberg table and read back from the table before it; none where the write does not tell them.
 */
class ReplacedRowsTest {
  @TempDir Path dir;
  private SparkSession spark;

  @BeforeEach
  void catalog() {
    spark = SharedSpark.session().newSession();
    spark.conf().set("spark.sql.catalog.replaced", "org.apache.iceberg.spark.SparkCatalog");
    spark.conf().set("spark.sql.catalog.replaced.type", "hadoop");
    spark.conf().set("spark.sql.catalog.replaced.warehouse", dir.toUri().toString());
  }

  private Table table(String mode) throws Exception {
    spark.sql(
        "CREATE TABLE replaced.db.orders (order_id STRING, quantity INT) USING iceberg"
            + " TBLPROPERTIES ('format-version'='2', 'write.merge.mode'='"
            + mode
            + "')");
    spark.sql("INSERT INTO replaced.db.orders VALUES ('O1', 1), ('O2', 2), ('O3', 3), ('O4', 4)");
    return Spark3Util.loadIcebergTable(spark, "replaced.db.orders");
  }

  /** Merges the rows as a run does and returns the rows it replaced, as {@code id=quantity}. */
  private List<String> merge(Table table, String values) {
    table.refresh();
    long before = table.currentSnapshot().snapshotId();
    spark
        .sql("SELECT * FROM VALUES " + values + " AS s(order_id, quantity)")
        .createOrReplaceTempView("batch");
    spark.sql(
        "MERGE INTO replaced.db.orders t USING batch s ON t.order_id = s.order_id"
            + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    table.refresh();
    long staged = table.currentSnapshot().snapshotId();
    Dataset<Row> replaced =
        ReplacedRows.of(spark, table, "replaced.db.orders", List.of("order_id"), before, staged);
    return replaced == null
        ? null
        : replaced.orderBy("order_id").collectAsList().stream()
            .map(r -> r.getString(0) + "=" + r.getInt(1))
            .toList();
  }

  @Test
  void theRowsAMergeOnReadReplacedAreTheOnesItsDeletesMark() throws Exception {
    Table table = table("merge-on-read");

    assertThat(merge(table, "('O2', 20), ('O4', 40), ('O5', 5)")).containsExactly("O2=2", "O4=4");
    // Again: the earlier deletes stay, and only this merge's replaced rows are told.
    assertThat(merge(table, "('O2', 200), ('O3', 30)")).containsExactly("O2=20", "O3=3");
  }

  @Test
  void aMergeThatOnlyInsertsReplacedNoRow() throws Exception {
    Table table = table("merge-on-read");

    assertThat(merge(table, "('O5', 5)")).isEmpty();
  }

  @Test
  void aCopyOnWriteMergeDoesNotTellItsReplacedRows() throws Exception {
    Table table = table("copy-on-write");

    assertThat(merge(table, "('O2', 20)")).isNull();
  }
}
