package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.runtime.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A product whose source is a JDBC query against a real database (SQLite here). */
class JdbcSourceTest {
  @TempDir Path dir;

  @Test
  void aJdbcQueryFeedsAProduct() throws Exception {
    Path db = dir.resolve("shop.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE orders (order_id TEXT, customer_id TEXT, product_id TEXT, quantity INTEGER, "
              + "unit_price TEXT, currency TEXT, order_ts TEXT, status TEXT, country TEXT)");
      List<String> lines = Files.readAllLines(TestMesh.SAMPLE_ORDERS);
      for (String line : lines.subList(1, 101)) {
        String[] f = line.split(",");
        s.execute(
            String.format(
                "INSERT INTO orders VALUES ('%s','%s','%s',%s,'%s','%s','%s','%s','%s')",
                (Object[]) f));
      }
    }
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(
        products,
        "sales.orders",
        "shop",
        "orders",
        """
        sources = null
        sources {
          orders { format = jdbc, url = "jdbc:sqlite:%s", query = "SELECT * FROM orders WHERE status <> 'cancelled'" }
        }
        transform.sql = shop_orders.sql
        """
            .formatted(db));
    Files.writeString(
        products.resolve("shop/shop_orders.sql"),
        """
        SELECT order_id, customer_id, product_id, CAST(quantity AS INT) AS quantity,
               CAST(unit_price AS DECIMAL(12,2)) AS unit_price, currency,
               CAST(order_ts AS TIMESTAMP) AS order_ts, status, country,
               CAST(CAST(quantity AS INT) * CAST(unit_price AS DECIMAL(12,2)) AS DECIMAL(12,2)) AS amount
        FROM orders
        """);
    try (TestMesh mesh = new TestMesh(dir.resolve("home"), products)) {
      RunReport report = mesh.run("shop.orders", Map.of());

      assertThat(report.status()).as(report.message()).isEqualTo(JobRun.Status.PUBLISHED);
      long expected =
          Files.readAllLines(TestMesh.SAMPLE_ORDERS).subList(1, 101).stream()
              .filter(l -> !l.contains(",cancelled,"))
              .count();
      assertThat(report.outputRows()).isEqualTo(expected);
      LineageEvent lineage = mesh.catalog.lineage("lakemesh://shop/shop.orders", 1).get(0);
      assertThat(lineage.inputs())
          .singleElement()
          .asString()
          .startsWith("jdbc:sqlite:")
          .contains("SELECT * FROM orders");
    }
  }
}
