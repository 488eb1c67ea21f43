package io.lakemesh.jobs.product;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import io.lakemesh.runtime.Transform;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Normalises the stock feed and values the stock at cost. */
public final class InventoryTransform implements Transform {
  @Override
  public Dataset<Row> apply(SparkSession spark, Map<String, Dataset<Row>> sources) {
    return sources
        .get("stock")
        .withColumn("category", lower(trim(col("category"))))
        .withColumn("stock_value", col("on_hand").multiply(col("unit_cost")).cast("decimal(14,2)"));
  }
}
