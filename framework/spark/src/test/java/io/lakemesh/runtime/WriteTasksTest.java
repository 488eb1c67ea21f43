package io.lakemesh.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.testing.SharedSpark;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch read in a few tasks is written by them without a shuffle; a larger one of a single wave
 * is shuffled into about four tasks per core; a larger or unknown one is sized by Iceberg.
 */
class WriteTasksTest {
  private static final long MB = 1L << 20;
  private static final List<Long> ORDERS = List.of(35 * MB, 35 * MB, 35 * MB, 35 * MB);

  @Test
  void aBatchReadInAtMostFourTasksIsWrittenByThemWithAFileOpenPerPartition() {
    WriteTasks tasks = WriteTasks.plan(2, ORDERS, 2);
    assertThat(tasks.fanout()).isTrue();
    assertThat(tasks.writeOptions())
        .isEqualTo(Map.of("distribution-mode", "none", "fanout-enabled", "true"));
    assertThat(WriteTasks.plan(4, List.of(-1L), 2).fanout()).isTrue();
  }

  @Test
  void aBatchOfMoreTasksIsShuffledIntoAboutFourTasksPerCore() {
    WriteTasks tasks = WriteTasks.plan(5, ORDERS, 2);
    assertThat(tasks.fanout()).isFalse();
    assertThat(tasks.writeOptions()).isEmpty();
    assertThat(tasks.share()).isEqualTo(OptionalLong.of(140 * MB / 8));
  }

  @Test
  void noShuffledTaskIsAskedToTakeLessThan16Mb() {
    assertThat(WriteTasks.plan(6, List.of(3 * MB), 2).share()).isEqualTo(OptionalLong.of(16 * MB));
  }

  @Test
  void aBatchWhoseSharesWouldReach256MbKeepsIcebergsSizing() {
    assertThat(WriteTasks.plan(64, List.of(8L * 1024 * MB), 8)).isEqualTo(WriteTasks.ICEBERG);
    assertThat(WriteTasks.plan(64, List.of(8L * 1024 * MB), 16).share())
        .isEqualTo(OptionalLong.of(128 * MB));
  }

  @Test
  void aBatchOfUnknownTasksAndSizeKeepsIcebergsSizing() {
    assertThat(WriteTasks.plan(-1, List.of(35 * MB, -1L), 2)).isEqualTo(WriteTasks.ICEBERG);
    assertThat(WriteTasks.plan(-1, List.of(), 2)).isEqualTo(WriteTasks.ICEBERG);
  }

  @Test
  void theReadTasksOfAPlanWithoutAShuffleAreItsFileSplitsAndOtherwiseUnknown(@TempDir Path dir)
      throws IOException {
    SparkSession spark = SharedSpark.session();
    Dataset<Row> orders = csv(spark, Files.writeString(dir.resolve("a.csv"), "id,n\na,1\nb,2\n"));
    Dataset<Row> more = csv(spark, Files.writeString(dir.resolve("b.csv"), "id,n\nc,3\n"));

    assertThat(WriteTasks.readTasks(orders.selectExpr("id", "n * 2 AS twice").where("n > 0")))
        .isEqualTo(1);
    assertThat(WriteTasks.readTasks(orders.unionByName(more))).isEqualTo(2);
    assertThat(WriteTasks.readTasks(orders.join(more, "id"))).isEqualTo(-1);
    assertThat(WriteTasks.readTasks(orders.groupBy("id").count())).isEqualTo(-1);
    assertThat(WriteTasks.readTasks(spark.range(3).toDF())).isEqualTo(-1);
  }

  private static Dataset<Row> csv(SparkSession spark, Path file) {
    return spark.read().option("header", "true").schema("id STRING, n INT").csv(file.toString());
  }
}
