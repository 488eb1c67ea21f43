package io.lakemesh.bench.handwritten;

import static io.lakemesh.bench.handwritten.ScalaArgs.at;
import static io.lakemesh.bench.handwritten.ScalaArgs.seq;
import static org.apache.spark.sql.functions.expr;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Option;
import scala.util.matching.Regex;

/**
 * The job lakemesh is measured against: what a data engineer writes for {@code sales.orders}
 * without lakemesh, from the Iceberg and Deequ documentation, with nothing of lakemesh on its path.
 * It reads the orders CSV with its schema, adds {@code amount}, merges the batch on {@code
 * order_id} into an Iceberg table partitioned by {@code months(order_ts)} on an audit branch
 * (Iceberg's write-audit-publish: https://iceberg.apache.org/docs/latest/branching/#audit-branch),
 * verifies the branch with one Deequ {@code VerificationSuite}
 * (https://github.com/awslabs/deequ#usage), and fast-forwards {@code main} to the branch only when
 * no error-level constraint failed.
 *
 * <pre>HandJob WAREHOUSE_DIR ORDERS_CSV   exit 0: published, 3: rejected</pre>
 */
public final class HandJob {
  /** The Iceberg table, in a Hadoop catalog {@code lake} over the warehouse folder. */
  public static final String TABLE = "lake.sales.orders";

  private static final String AUDIT = "audit";
  private static final String SCHEMA =
      "order_id STRING, customer_id STRING, product_id STRING, quantity INT, unit_price DECIMAL(12,2), "
          + "currency STRING, order_ts TIMESTAMP, status STRING, country STRING";

  private HandJob() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: HandJob WAREHOUSE_DIR ORDERS_CSV");
      System.exit(2);
    }
    SparkSession spark = session(args[0]);
    boolean published = run(spark, args[1]);
    spark.stop();
    System.exit(published ? 0 : 3);
  }

  /**
   * A local session with Iceberg's SQL extensions and a Hadoop catalog, as Iceberg's quick start
   * sets it up.
   */
  public static SparkSession session(String warehouse) {
    return SparkSession.builder()
        .appName("orders")
        .master("local[*]")
        .config(
            "spark.sql.extensions",
            "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
        .config("spark.sql.catalog.lake", "org.apache.iceberg.spark.SparkCatalog")
        .config("spark.sql.catalog.lake.type", "hadoop")
        .config("spark.sql.catalog.lake.warehouse", warehouse)
        .getOrCreate();
  }

  /** One batch: merge, verify, publish; false when the batch was rejected (main unchanged). */
  public static boolean run(SparkSession spark, String csv) {
    Dataset<Row> orders =
        spark
            .read()
            .schema(SCHEMA)
            .option("header", "true")
            .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss")
            .csv(csv)
            .withColumn("amount", expr("CAST(quantity * unit_price AS DECIMAL(12,2))"));
    orders.createOrReplaceTempView("batch");

    spark.sql("CREATE NAMESPACE IF NOT EXISTS lake.sales");
    spark.sql(
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (order_id STRING, customer_id STRING, product_id STRING, "
            + "quantity INT, unit_price DECIMAL(12,2), currency STRING, order_ts TIMESTAMP, status STRING, "
            + "country STRING, amount DECIMAL(12,2)) USING iceberg PARTITIONED BY (months(order_ts)) "
            + "TBLPROPERTIES ('write.wap.enabled' = 'true')");
    // The audit branch starts from main each time, so a batch rejected before leaves nothing
    // behind.
    spark.sql("ALTER TABLE " + TABLE + " CREATE OR REPLACE BRANCH " + AUDIT);
    spark.conf().set("spark.wap.branch", AUDIT);
    spark.sql(
        "MERGE INTO "
            + TABLE
            + " t USING batch s ON t.order_id = s.order_id "
            + "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
    spark.conf().unset("spark.wap.branch");

    VerificationResult result =
        new VerificationSuite()
            .onData(
                spark
                    .read()
                    .option("branch", AUDIT)
                    .table(TABLE)
                    .withColumn("order_ts_micros", expr("unix_micros(order_ts)")))
            .addCheck(errors())
            .addCheck(warnings())
            .run();
    if (result.status() == CheckStatus.Error()) {
      System.err.println("orders: batch rejected: " + result.checkResults());
      return false;
    }
    spark.sql("CALL lake.system.fast_forward('sales.orders', 'main', '" + AUDIT + "')");
    System.err.println("orders: published");
    return true;
  }

  /**
   * The error-level rules of jobs/products/sales/orders.conf, one constraint each (its two anomaly
   * rules need a metrics history, which a job of this kind does not keep, so they are left out):
   * {@code size min 1}, {@code unique order_id}, {@code range quantity min 1}, {@code non-negative
   * unit_price}, {@code allowed-values currency}, {@code allowed-values status}, {@code pattern
   * country}, {@code sql amount_is_quantity_times_price}, and the dqdl rule's {@code RowCount > 0}
   * and {@code IsComplete "order_id"}.
   */
  private static Check errors() {
    return new Check(CheckLevel.Error(), "sales orders", seq(List.of()))
        .hasSize(at(n -> n >= 1), Option.empty())
        .isUnique("order_id", Option.empty(), Option.empty())
        .hasMin("quantity", at(v -> v >= 1), Option.empty(), Option.empty())
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
            "amount_is_quantity_times_price",
            Check.IsOne(),
            Option.empty(),
            seq(List.of()),
            Option.empty())
        .hasSize(at(n -> n > 0), Option.empty())
        .isComplete("order_id", Option.empty(), Option.empty());
  }

  /** The warning-level rule: {@code freshness order_ts max-age 3650d}, the eleventh constraint. */
  private static Check warnings() {
    double cutoff =
        ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now().minus(3650, ChronoUnit.DAYS));
    return new Check(CheckLevel.Warning(), "sales orders freshness", seq(List.of()))
        .hasMax("order_ts_micros", at(v -> v >= cutoff), Option.empty(), Option.empty());
  }
}
