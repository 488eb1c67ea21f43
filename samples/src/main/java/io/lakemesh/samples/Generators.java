package io.lakemesh.samples;

import static org.apache.spark.sql.functions.expr;

import io.lakemesh.exceptions.NotFoundException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Deterministic sample data: every value is a hash of the row id and the seed, so the same
 * arguments give the same rows on any machine and any number of cores.
 */
public final class Generators {
  private static final Map<String, List<String>> COLUMNS =
      Map.of(
          "sales.orders",
          List.of(
              "concat('O', lpad(cast(id as string), 10, '0')) AS order_id",
              "concat('C', lpad(cast(pmod(hash(id, SEED, 1), 50000) as string), 6, '0')) AS customer_id",
              "concat('P', lpad(cast(pmod(hash(id, SEED, 2), 20) + 1 as string), 4, '0')) AS product_id",
              "pmod(hash(id, SEED, 3), 10) + 1 AS quantity",
              "cast(pmod(hash(id, SEED, 4), 50000) / 100.0 + 1 as decimal(12,2)) AS unit_price",
              "element_at(array('USD','EUR','GBP'), pmod(hash(id, SEED, 5), 3) + 1) AS currency",
              "date_format(timestamp_seconds(1767225600 + pmod(hash(id, SEED, 6), 86400 * 300)), \"yyyy-MM-dd'T'HH:mm:ss\") AS order_ts",
              "element_at(array('placed','shipped','delivered','cancelled'), pmod(hash(id, SEED, 7), 4) + 1) AS status",
              "element_at(array('US','DE','GB','FR','NL','ES','IT','SE'), pmod(hash(id, SEED, 8), 8) + 1) AS country"));

  private Generators() {}

  /** The products a generator exists for (for --help). */
  public static final class Names implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return COLUMNS.keySet().stream().sorted().iterator();
    }
  }

  public static Dataset<Row> rows(
      SparkSession spark, String product, long firstId, long rows, int seed) {
    List<String> columns = COLUMNS.get(product);
    if (columns == null) {
      throw new NotFoundException(
          "no generator for " + product + " (available: " + String.join(", ", new Names()) + ")");
    }
    return spark
        .range(firstId, firstId + rows)
        .select(
            columns.stream()
                .map(c -> expr(c.replace("SEED", Integer.toString(seed))))
                .toArray(Column[]::new));
  }

  public static void write(
      SparkSession spark, String product, long firstId, long rows, int seed, String out) {
    int files = (int) Math.max(1, Math.min(16, rows / 500_000));
    rows(spark, product, firstId, rows, seed)
        .repartition(files)
        .write()
        .mode(SaveMode.Overwrite)
        .option("header", "true")
        .csv(out);
  }
}
