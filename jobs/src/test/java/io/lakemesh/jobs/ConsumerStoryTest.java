package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.runtime.Json;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The consumer's story through the CLI, in each topology: a published product grants nothing; the
 * consumer finds it, asks, the producer approves, the consumer queries through its link, the
 * producer revokes and the very next query is refused with exit code 4; the audit chain holds.
 */
class ConsumerStoryTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"central", "lob-federated", "federated"})
  void requestApproveQueryRevokeRefuse(String topology) throws Exception {
    MeshCli cli = new MeshCli(dir, TestMesh.PRODUCTS, topology);
    try (TestMesh mesh = TestMesh.in(cli.home())) {
      mesh.run("sales.orders", Map.of());
    }
    String query = "SELECT country, sum(amount) AS revenue FROM sales_link.orders GROUP BY country";

    // Before any grant: refused (exit 4), and told how to ask.
    MeshCli.Result before = cli.run("query", "--as", "marketing", query);
    assertThat(before.code()).isEqualTo(4);
    assertThat(before.err())
        .contains(
            "request access with: bin/lakemesh request-access --as marketing --table sales.orders --perm SELECT");
    MeshCli.Result found =
        cli.run("search", "orders", "--tag", "domain=sales", "--as", "marketing", "--json");
    assertThat(found.code()).isZero();
    assertThat(found.out()).contains("sales.orders");

    MeshCli.Result asked =
        cli.run(
            "request-access",
            "--as",
            "marketing",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT",
            "--json");
    assertThat(asked.code()).as(asked.out()).isZero();
    String id = Json.MAPPER.readTree(asked.out()).path("id").asText();
    assertThat(cli.run("approve", id, "--as", "marketing").code()).isEqualTo(4);
    assertThat(cli.run("approve", id, "--as", "sales").code()).isZero();
    assertThat(cli.run("links", "--as", "marketing").out()).contains("sales_link");

    MeshCli.Result rows = cli.run("query", "--as", "marketing", query, "--json");
    assertThat(rows.code()).as(rows.out()).isZero();
    assertThat(Json.MAPPER.readTree(rows.out())).hasSize(8);

    assertThat(
            cli.run(
                    "revoke",
                    "--as",
                    "sales",
                    "--from",
                    "marketing",
                    "--table",
                    "sales.orders",
                    "--perm",
                    "SELECT")
                .code())
        .isZero();
    assertThat(cli.run("query", "--as", "marketing", query).code()).isEqualTo(4);

    assertThat(cli.run("audit", "verify").code()).isZero();
    assertThat(cli.run("audit", "--json").out()).contains("APPROVE", "REVOKE");
  }
}
