package io.lakemesh.bench;

import static org.apache.spark.sql.functions.expr;

import io.lakemesh.samples.Generators;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's input CSVs: generated {@code sales.orders} (deterministic: every value is a hash
 * of the row id and the seed), written once per size under the work folder and kept for later runs.
 */
final class BenchData {
  private final SparkSession spark;
  private final Path dir;

  BenchData(SparkSession spark, Path work) {
    this.spark = spark;
    this.dir = work.resolve("data");
  }

  /** Orders {@code 0 .. count-1}. */
  Path orders(long count) {
    return write("orders-" + count, Generators.rows(spark, "sales.orders", 0, count, 1), count);
  }

  /**
   * Orders {@code 0 .. count-1} placed in id order, as orders are: {@code order_ts} grows with the
   * id over the same 300 days (with up to an hour of jitter), so a month's data file holds one run
   * of keys and a merge of recent orders touches the last months' files only.
   */
  Path ordersInTimeOrder(long count) {
    return write("orders-" + count + "-in-time-order", inTimeOrder(0, count, 1, count), count);
  }

  /** {@link #upsert} into {@link #ordersInTimeOrder}: the new keys are the newest orders. */
  Path upsertInTimeOrder(long rows, int n) {
    long count = Math.max(2, rows / 20);
    return write(
        "orders-" + rows + "-in-time-order-upsert-" + n,
        inTimeOrder(upsertFirst(rows, n), count, 1 + n, rows),
        count);
  }

  /** Generated orders whose {@code order_ts} spreads ids {@code 0 .. span} over 300 days. */
  private Dataset<Row> inTimeOrder(long first, long count, int seed, long span) {
    String seconds =
        "cast(substring(order_id, 2) as bigint) * (86400 * 300) div "
            + span
            + " + pmod(hash(order_id, "
            + seed
            + "), 3600)";
    return Generators.rows(spark, "sales.orders", first, count, seed)
        .withColumn(
            "order_ts",
            expr(
                "date_format(timestamp_seconds(1767225600 + "
                    + seconds
                    + "), \"yyyy-MM-dd'T'HH:mm:ss\")"));
  }

  /** The 5% append after {@code rows} orders: ids {@code rows ..}, all new. */
  Path appended(long rows) {
    long count = Math.max(1, rows / 20);
    return write(
        "orders-" + rows + "-append",
        Generators.rows(spark, "sales.orders", rows, count, 1),
        count);
  }

  /**
   * The {@code n}th 5% upsert into {@code rows} orders (n from 1): 5% of {@code rows}, from another
   * seed, so every value changes; the first half of its keys are already in the table (the last
   * ones the load and the upserts before wrote), the second half are new.
   */
  Path upsert(long rows, int n) {
    long count = Math.max(2, rows / 20);
    return write(
        "orders-" + rows + "-upsert-" + n,
        Generators.rows(spark, "sales.orders", upsertFirst(rows, n), count, 1 + n),
        count);
  }

  private static long upsertFirst(long rows, int n) {
    long count = Math.max(2, rows / 20);
    return rows - count / 2 + (n - 1) * (count / 2);
  }

  /**
   * The orders with one row in a thousand broken (chosen by a hash of its id): a quantity of 0, a
   * currency outside USD/EUR/GBP or a country not of two capitals, in turn.
   */
  Path withBadRows(long count) {
    String bad = "pmod(hash(order_id, 101), 1000) = 0";
    String rule = "pmod(hash(order_id, 102), 3)";
    Dataset<Row> rows =
        Generators.rows(spark, "sales.orders", 0, count, 1)
            .withColumn(
                "quantity",
                expr("CASE WHEN " + bad + " AND " + rule + " = 0 THEN 0 ELSE quantity END"))
            .withColumn(
                "currency",
                expr("CASE WHEN " + bad + " AND " + rule + " = 1 THEN 'XXX' ELSE currency END"))
            .withColumn(
                "country",
                expr("CASE WHEN " + bad + " AND " + rule + " = 2 THEN 'usa' ELSE country END"));
    return write("orders-" + count + "-bad-0.1pct", rows, count);
  }

  private Path write(String name, Dataset<Row> rows, long count) {
    Path out = dir.resolve(name);
    if (!Files.exists(out.resolve("_SUCCESS"))) {
      System.err.println("bench: generating " + name + " into " + out);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      // As Generators.write lays them out: one file per 500,000 rows, at most 16.
      int files = (int) Math.max(1, Math.min(16, count / 500_000));
      rows.repartition(files)
          .write()
          .mode(SaveMode.Overwrite)
          .option("header", "true")
          .csv(out.toString());
    }
    return out;
  }
}
