package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema evolution as DESIGN.md rule 6 has it: a breaking change is refused within a major version
 * and nothing is published; raising the version publishes a new table beside the old one, which its
 * consumers keep reading, and which they must request to read the new one.
 */
class MajorVersionTest {
  private static final String WITHOUT_CUSTOMER =
      """
      transform.sql = orders_without_customer.sql
      schema = [
        { name = order_id,    type = string,         nullable = false }
        { name = product_id,  type = string,         nullable = false }
        { name = quantity,    type = int,            nullable = false }
        { name = unit_price,  type = "decimal(12,2)", nullable = false }
        { name = currency,    type = string }
        { name = order_ts,    type = timestamp,      nullable = false }
        { name = status,      type = string }
        { name = country,     type = string }
        { name = amount,      type = "decimal(12,2)" }
      ]
      """;

  @TempDir Path dir;

  @Test
  void breakingChangeNeedsANewMajorVersionWhichIsANewTable() throws Exception {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "");
    Files.writeString(
        products.resolve("sales/orders_without_customer.sql"),
        """
        SELECT order_id, product_id, quantity, unit_price, currency, order_ts, status, country,
               CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount
        FROM orders
        """);
    MeshCli cli = new MeshCli(dir, products, "central");
    assertThat(run(cli).code()).isZero();
    subscribe(cli, "sales.orders");

    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", WITHOUT_CUSTOMER);
    MeshCli.Result refused = run(cli);
    assertThat(refused.code()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err())
        .contains("breaking schema change refused", "customer_id", "orders_v2");
    assertThat(columns(cli, "sales:sales.orders")).contains("customer_id");

    TestMesh.deriveSpec(
        products, "sales.orders", "sales", "orders", "version = 2\n" + WITHOUT_CUSTOMER);
    MeshCli.Result raised = run(cli);
    assertThat(raised.code()).as(raised.err()).isZero();
    assertThat(columns(cli, "sales:sales.orders_v2"))
        .doesNotContain("customer_id")
        .contains("order_id");
    assertThat(columns(cli, "sales:sales.orders")).contains("customer_id");

    assertThat(count(cli, "sales_link.orders").code()).isZero();
    assertThat(count(cli, "sales_link.orders_v2").code()).isEqualTo(4);
    assertThat(cli.run("search", "orders", "--json").out()).contains("orders_v2");

    subscribe(cli, "sales.orders_v2");
    MeshCli.Result v2 =
        cli.run(
            "query", "--as", "marketing", "SELECT * FROM sales_link.orders_v2 LIMIT 1", "--json");
    assertThat(v2.code()).as(v2.err()).isZero();
    assertThat(Json.MAPPER.readTree(v2.out()).get(0).has("customer_id")).isFalse();
  }

  @Test
  void aContractFixedAfterAFailedFirstRunPublishesInTheFixedTypes() throws Exception {
    Path products = dir.resolve("products");
    TestMesh.deriveSpec(
        products,
        "sales.orders",
        "sales",
        "orders",
        """
        schema = [
          { name = order_id,    type = string,         nullable = false }
          { name = customer_id, type = string,         nullable = false }
          { name = product_id,  type = string,         nullable = false }
          { name = quantity,    type = string,         nullable = false }
          { name = unit_price,  type = "decimal(12,2)", nullable = false }
          { name = currency,    type = string }
          { name = order_ts,    type = timestamp,      nullable = false }
          { name = status,      type = string }
          { name = country,     type = string }
          { name = amount,      type = "decimal(12,2)" }
        ]
        """);
    MeshCli cli = new MeshCli(dir, products, "central");
    MeshCli.Result refused = run(cli);
    assertThat(refused.code()).as(refused.err()).isEqualTo(2);
    assertThat(refused.err()).contains("column quantity is int, the contract says string");

    TestMesh.deriveSpec(products, "sales.orders", "sales", "orders", "");
    MeshCli.Result published = run(cli);
    assertThat(published.code()).as(published.err()).isZero();
    MeshCli.Result shown = cli.run("catalog", "show", "sales:sales.orders", "--json");
    List<String> quantityTypes =
        Json.MAPPER.readTree(shown.out()).findParents("name").stream()
            .filter(c -> c.path("name").asText().equals("quantity") && c.has("type"))
            .map(c -> c.path("type").asText())
            .toList();
    assertThat(quantityTypes).as(shown.out()).containsExactly("int");
  }

  /** The derived spec lives away from the sample data, so its source is named explicitly. */
  private static MeshCli.Result run(MeshCli cli) {
    return cli.run("run", "sales.orders", "--source", "orders=" + TestMesh.SAMPLE_ORDERS);
  }

  private static void subscribe(MeshCli cli, String table) throws Exception {
    MeshCli.Result asked =
        cli.run(
            "request-access", "--as", "marketing", "--table", table, "--perm", "SELECT", "--json");
    assertThat(asked.code()).as(asked.err()).isZero();
    String id = Json.MAPPER.readTree(asked.out()).path("id").asText();
    assertThat(cli.run("approve", id, "--as", "sales").code()).isZero();
  }

  private static MeshCli.Result count(MeshCli cli, String table) {
    return cli.run("query", "--as", "marketing", "SELECT count(*) FROM " + table);
  }

  private static String columns(MeshCli cli, String table) throws Exception {
    MeshCli.Result shown = cli.run("catalog", "show", table, "--json");
    assertThat(shown.code()).as(shown.err()).isZero();
    JsonNode entry = Json.MAPPER.readTree(shown.out());
    return entry.findValuesAsText("name").toString();
  }
}
