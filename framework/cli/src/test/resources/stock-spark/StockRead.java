import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A consumer's own Spark, as it comes: Spark and Iceberg's Spark runtime, no lakemesh class. It
 * reads the mesh through the catalog server's Iceberg REST endpoint with the consumer's token and
 * prints what each read answered, one line each. Run with Java's single-file source launcher.
 *
 * <p>Arguments: the REST catalog URI, the token, and a directory of signal files: it writes {@code
 * read} after its first reads and waits for {@code revoked} before the last one.
 */
public class StockRead {
  public static void main(String[] args) throws Exception {
    String uri = args[0];
    String token = args[1];
    Path signals = Path.of(args[2]);
    try {
      Class.forName("io.lakemesh.governance.rules.Governance");
      System.out.println("lakemesh-classes: present");
    } catch (ClassNotFoundException expected) {
      System.out.println("lakemesh-classes: none");
    }
    SparkSession spark =
        SparkSession.builder()
            .master("local[1]")
            .appName("stock-read")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "1")
            .config("spark.sql.catalog.mesh", "org.apache.iceberg.spark.SparkCatalog")
            .config("spark.sql.catalog.mesh.type", "rest")
            .config("spark.sql.catalog.mesh.uri", uri)
            .config("spark.sql.catalog.mesh.token", token)
            // Iceberg's Spark catalog keeps loaded tables for 30 s by default; without the cache
            // every query loads the table again, and the catalog decides afresh.
            .config("spark.sql.catalog.mesh.cache-enabled", "false")
            .getOrCreate();
    Row granted =
        spark
            .sql(
                "SELECT count(*), sum(CASE WHEN country = 'US' THEN 1 ELSE 0 END), sum(amount)"
                    + " FROM mesh.sales_link.orders")
            .first();
    System.out.println(
        "granted: " + granted.getLong(0) + " " + granted.getLong(1) + " " + granted.getDecimal(2));
    System.out.println("ungranted: " + attempt(spark, "SELECT * FROM mesh.product_link.inventory"));
    Files.writeString(signals.resolve("read"), "");
    Path revoked = signals.resolve("revoked");
    for (int i = 0; i < 1800 && !Files.exists(revoked); i++) {
      Thread.sleep(100);
    }
    System.out.println("revoked: " + attempt(spark, "SELECT count(*) FROM mesh.sales_link.orders"));
    spark.stop();
  }

  private static String attempt(SparkSession spark, String sql) {
    try {
      spark.sql(sql).collectAsList();
      return "READ";
    } catch (Exception e) {
      return "REFUSED " + e.getClass().getSimpleName() + ": " + e.getMessage().replace('\n', ' ');
    }
  }
}
