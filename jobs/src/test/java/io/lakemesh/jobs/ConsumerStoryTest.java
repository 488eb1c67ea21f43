package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.lakemesh.cli.LakemeshCli;
import io.lakemesh.runtime.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The consumer's story through the CLI, in each topology: a published product grants nothing;
 * the consumer finds it, asks, the producer approves, the consumer queries through its link, the
 * producer revokes and the very next query is refused with exit code 4; the audit chain holds.
 */
class ConsumerStoryTest {
  private static final String MESH = """
      lakemesh.products = "%s"
      include file("%s")
      """;

  @TempDir Path dir;

  private record Result(int code, String out) {}

  private Result cli(Path config, String topology, String... args) {
    String[] full = new String[args.length + 6];
    System.arraycopy(args, 0, full, 0, args.length);
    System.arraycopy(new String[] {"--home", dir.resolve("home").toString(), "--config", config.toString(),
        "--topology", topology}, 0, full, args.length, 6);
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      return new Result(LakemeshCli.execute(full), captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"central", "lob-federated", "federated"})
  void requestApproveQueryRevokeRefuse(String topology) throws Exception {
    Path config = Files.writeString(dir.resolve("lakemesh.conf"), MESH.formatted(TestMesh.PRODUCTS, TestMesh.REPO.resolve("conf/mesh.conf")));
    try (TestMesh mesh = TestMesh.in(dir.resolve("home"))) {
      mesh.run("sales.orders", Map.of());
    }
    String query = "SELECT country, sum(amount) AS revenue FROM sales_link.orders GROUP BY country";

    assertThat(cli(config, topology, "query", "--as", "marketing", query).code()).isEqualTo(2);
    Result found = cli(config, topology, "search", "orders", "--tag", "domain=sales", "--as", "marketing", "--json");
    assertThat(found.code()).isZero();
    assertThat(found.out()).contains("sales.orders");

    Result asked = cli(config, topology, "request-access", "--as", "marketing", "--table", "sales.orders",
        "--perm", "SELECT", "--json");
    assertThat(asked.code()).as(asked.out()).isZero();
    String id = Json.MAPPER.readTree(asked.out()).path("id").asText();
    assertThat(cli(config, topology, "approve", id, "--as", "marketing").code()).isEqualTo(4);
    assertThat(cli(config, topology, "approve", id, "--as", "sales").code()).isZero();
    assertThat(cli(config, topology, "links", "--as", "marketing").out()).contains("sales_link");

    Result rows = cli(config, topology, "query", "--as", "marketing", query, "--json");
    assertThat(rows.code()).as(rows.out()).isZero();
    assertThat(Json.MAPPER.readTree(rows.out())).hasSize(8);

    assertThat(cli(config, topology, "revoke", "--as", "sales", "--from", "marketing", "--table", "sales.orders",
        "--perm", "SELECT").code()).isZero();
    assertThat(cli(config, topology, "query", "--as", "marketing", query).code()).isEqualTo(4);

    assertThat(cli(config, topology, "audit", "verify").code()).isZero();
    assertThat(cli(config, topology, "audit", "--json").out()).contains("APPROVE", "REVOKE");
  }
}
