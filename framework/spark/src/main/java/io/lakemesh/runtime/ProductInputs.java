package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.spec.ProductSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How a job reaches the products it reads. Without a mesh it reads the producer's table straight
 * from the warehouse; in a governed mesh the reading account is a consumer like any other, and
 * reads through its link with SELECT checked.
 */
public interface ProductInputs {
  /**
   * Opens {@code product} for the job of {@code reader}.
   *
   * @param source the source's name in the reader's spec, for error messages
   */
  Input open(SparkSession spark, ProductSpec reader, String source, TableId product);

  /** The error for an input whose product has no table in the catalog yet. */
  static io.lakemesh.exceptions.NotFoundException notPublished(String source, TableId product) {
    return new io.lakemesh.exceptions.NotFoundException("source " + source + ": product " + product.database() + "."
        + product.table() + " is not published yet; run it first");
  }

  /** The rows the job reads and the catalog entry of the table they come from. */
  record Input(Dataset<Row> data, CatalogTable table) {}
}
