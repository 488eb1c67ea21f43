package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NotFoundException;
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

  /**
   * The catalog entry {@link #open} reads {@code product} from, checked as {@code open} checks it,
   * without Spark: its published snapshot is the input's fingerprint, which tells a run over
   * unchanged inputs before a session starts.
   */
  CatalogTable entry(ProductSpec reader, String source, TableId product);

  /** The error for an input whose product has no table in the catalog yet. */
  static NotFoundException notPublished(String source, TableId product) {
    return new NotFoundException(
        "source "
            + source
            + ": product "
            + product.database()
            + "."
            + product.table()
            + " is not published yet; run it first");
  }

  /** The rows the job reads and the catalog entry of the table they come from. */
  record Input(Dataset<Row> data, CatalogTable table) {}

  /** Straight from the warehouse, without a mesh's rules. */
  final class Direct implements ProductInputs {
    private final GovernanceCatalog catalog;

    public Direct(GovernanceCatalog catalog) {
      this.catalog = catalog;
    }

    @Override
    public Input open(SparkSession spark, ProductSpec reader, String source, TableId product) {
      CatalogTable entry = entry(reader, source, product);
      return new Input(
          spark.table(Warehouse.sparkCatalog(product.catalog()) + "." + product.qualifiedName()),
          entry);
    }

    @Override
    public CatalogTable entry(ProductSpec reader, String source, TableId product) {
      return catalog.findTable(product).orElseThrow(() -> notPublished(source, product));
    }
  }
}
