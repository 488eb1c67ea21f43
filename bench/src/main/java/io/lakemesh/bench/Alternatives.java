package io.lakemesh.bench;

import static io.lakemesh.bench.handwritten.ScalaArgs.at;
import static io.lakemesh.bench.handwritten.ScalaArgs.seq;
import static org.apache.spark.sql.functions.expr;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.util.matching.Regex;

/** What the job is measured against: Deequ as a user would hand-write it, and Spark alone. */
final class Alternatives {
  private Alternatives() {}

  /**
   * C's second half: the standard rules as one Deequ check over the published table, the way the
   * Deequ documentation writes them, in one {@code VerificationSuite} run.
   */
  static void handWrittenDeequ(SparkSession session, String table) {
    double cutoff =
        ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(3650, ChronoUnit.DAYS));
    Dataset<Row> data =
        session.table(table).withColumn("order_ts_micros", expr("unix_micros(order_ts)"));
    Check check =
        new Check(CheckLevel.Error(), "sales orders", seq(List.of()))
            .hasSize(at(v -> v >= 1), Option.empty())
            .isUnique("order_id", Option.empty(), Option.empty())
            .isComplete("order_id", Option.empty(), Option.empty())
            .isComplete("customer_id", Option.empty(), Option.empty())
            .isComplete("order_ts", Option.empty(), Option.empty())
            .satisfies(
                "quantity BETWEEN 1 AND 10",
                "quantity in 1..10",
                Check.IsOne(),
                Option.empty(),
                seq(List.of("quantity")),
                Option.empty())
            .isNonNegative("unit_price", Check.IsOne(), Option.empty())
            .isContainedIn(
                "currency",
                new String[] {"USD", "EUR", "GBP"},
                Check.IsOne(),
                Option.empty(),
                Option.empty())
            .isContainedIn(
                "status",
                new String[] {"placed", "shipped", "delivered", "cancelled"},
                Check.IsOne(),
                Option.empty(),
                Option.empty())
            .hasPattern(
                "country",
                new Regex("^[A-Z]{2}$", seq(List.of())),
                Check.IsOne(),
                Option.empty(),
                Option.empty(),
                Option.empty())
            .satisfies(
                "amount = quantity * unit_price",
                "amount",
                Check.IsOne(),
                Option.empty(),
                seq(List.of()),
                Option.empty())
            .hasMax("order_ts_micros", at(v -> v >= cutoff), Option.empty(), Option.empty());
    VerificationResult result = new VerificationSuite().onData(data).addCheck(check).run();
    if (result.status() != CheckStatus.Success()) {
      throw new IllegalStateException(
          "the hand-written Deequ check failed on generated data: " + result.checkResults());
    }
  }

  /** D: the job's rows, read and transformed the same way, written as plain Parquet by Spark. */
  static void plainParquet(SparkSession spark, Path csv, Path out, boolean partitioned) {
    Dataset<Row> rows =
        spark
            .read()
            .schema(BenchProducts.SCHEMA)
            .option("header", "true")
            .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss")
            .csv(csv.toString())
            .selectExpr("*", "CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount");
    if (partitioned) {
      // As Iceberg writes a table partitioned by months(order_ts): clustered by month, one file
      // each.
      rows.withColumn("order_month", expr("date_trunc('MONTH', order_ts)"))
          .repartition(expr("order_month"))
          .write()
          .mode(SaveMode.Overwrite)
          .partitionBy("order_month")
          .parquet(out.toString());
    } else {
      rows.write().mode(SaveMode.Overwrite).parquet(out.toString());
    }
  }
}
