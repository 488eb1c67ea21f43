package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.runtime.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A producer that reads other products is a consumer like any other (DESIGN.md, lifecycle step 2):
 * finance.revenue reads sales.orders and product.inventory through finance's links, only once their
 * owners granted it, and is refused on the next run after a revoke. Subscribers the producer lists
 * in its spec get their links on its next publish, once they hold access.
 */
class ProducerAsConsumerTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"central", "lob-federated", "federated"})
  void inputsAreReadThroughLinksWithSelectChecked(String topology) throws Exception {
    MeshCli cli = new MeshCli(dir, TestMesh.PRODUCTS, topology);
    assertThat(cli.run("run", "sales.orders").code()).isZero();
    assertThat(cli.run("run", "product.inventory").code()).isZero();

    MeshCli.Result unsubscribed = cli.run("run", "finance.revenue");
    assertThat(unsubscribed.code()).as(unsubscribed.err()).isEqualTo(2);
    assertThat(unsubscribed.err())
        .contains(
            "has no link sales_link.orders",
            "request-access --as finance --table sales.orders --perm SELECT");
    assertThat(cli.run("catalog", "show", "finance:finance.revenue").code()).isEqualTo(2);

    for (String input : List.of("sales.orders", "product.inventory")) {
      MeshCli.Result asked =
          cli.run(
              "request-access", "--as", "finance", "--table", input, "--perm", "SELECT", "--json");
      assertThat(asked.code()).as(asked.err()).isZero();
      String id = Json.MAPPER.readTree(asked.out()).path("id").asText();
      MeshCli.Result approved =
          cli.run("approve", id, "--as", input.substring(0, input.indexOf('.')));
      assertThat(approved.code()).as(approved.err()).isZero();
    }
    MeshCli.Result subscribed = cli.run("run", "finance.revenue", "--json");
    assertThat(subscribed.code()).as(subscribed.err()).isZero();
    assertThat(Json.MAPPER.readTree(subscribed.out()).path("status").asText())
        .isEqualTo("PUBLISHED");

    assertThat(
            cli.run(
                    "revoke",
                    "--as",
                    "sales",
                    "--from",
                    "finance",
                    "--table",
                    "sales.orders",
                    "--perm",
                    "SELECT")
                .code())
        .isZero();
    MeshCli.Result revoked = cli.run("run", "finance.revenue");
    assertThat(revoked.code()).as(revoked.err()).isEqualTo(4);
    assertThat(revoked.err()).contains("finance may not SELECT", "sales.orders");
  }

  @Test
  void declaredSubscribersGetTheirLinkOnTheFirstPublishAfterAGrant() throws Exception {
    MeshCli cli = new MeshCli(dir, TestMesh.PRODUCTS, "central");
    MeshCli.Result first = cli.run("run", "sales.orders");
    assertThat(first.code()).isZero();
    assertThat(first.err()).contains("subscriber marketing holds no permission");
    assertThat(cli.run("links", "--as", "marketing", "--json").out()).doesNotContain("sales_link");

    assertThat(
            cli.run(
                    "grant",
                    "--as",
                    "sales",
                    "--to",
                    "marketing",
                    "--table",
                    "sales.orders",
                    "--perm",
                    "SELECT")
                .code())
        .isZero();
    Path moreOrders = dir.resolve("orders.csv");
    List<String> rows = new ArrayList<>(Files.readAllLines(TestMesh.SAMPLE_ORDERS));
    rows.add("O8000000001,C000001,P0001,1,10.00,EUR,2026-11-01T10:00:00,placed,DE");
    Files.write(moreOrders, rows);
    MeshCli.Result second = cli.run("run", "sales.orders", "--source", "orders=" + moreOrders);
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(second.err())
        .contains("link marketing:sales_link.orders created for subscriber marketing");

    MeshCli.Result query =
        cli.run(
            "query", "--as", "marketing", "SELECT count(*) AS n FROM sales_link.orders", "--json");
    assertThat(query.code()).as(query.err()).isZero();
    assertThat(Json.MAPPER.readTree(query.out()).get(0).path("n").asLong())
        .isEqualTo(rows.size() - 1);
  }
}
