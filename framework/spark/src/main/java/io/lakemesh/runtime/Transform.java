package io.lakemesh.runtime;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A product transform written in Java, for logic that SQL does not express well. Implementations
 * need a public no-argument constructor; the spec names the class in {@code transform.class}.
 */
@FunctionalInterface
public interface Transform {
  /**
   * @param sources the product's sources by name (also registered as temporary views)
   * @return the product's rows; columns are matched to the schema contract by name
   */
  Dataset<Row> apply(SparkSession spark, Map<String, Dataset<Row>> sources);
}
