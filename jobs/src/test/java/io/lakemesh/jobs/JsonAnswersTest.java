package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.cli.CliRun;
import io.lakemesh.runtime.Json;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that run Spark answer {@code --json} like the others: one valid JSON document on
 * stdout, with the keys (written here by hand) their {@code --help} names.
 */
class JsonAnswersTest {
  @TempDir Path dir;

  @Test
  void generateRunDemoAndQueryPrintValidJsonWithTheKeysTheirHelpNames() throws Exception {
    MeshCli cli = new MeshCli(dir, TestMesh.PRODUCTS, "central");
    String out = dir.resolve("generated").toString();

    JsonNode generated =
        answer(
            cli.run("generate", "sales.orders", "--rows", "20", "--out", out, "--json"),
            "generate",
            "product, rows, out, seconds");
    assertThat(generated.path("product").asText()).isEqualTo("sales.orders");
    assertThat(generated.path("rows").asLong()).isEqualTo(20);

    JsonNode run =
        answer(
            cli.run("run", "sales.orders", "--json"),
            "run",
            "product, runId, status, message, table, sourceRows, outputRows, quality, constraints,"
                + " stageMillis");
    assertThat(run.path("status").asText()).isEqualTo("PUBLISHED");

    JsonNode demo =
        answer(cli.run("demo", "--json"), "demo", "home, topology, steps, allAsExpected, seconds");
    assertThat(demo.path("allAsExpected").asBoolean()).as(demo.toString()).isTrue();
    assertThat(demo.path("topology").asText()).isEqualTo("central");
    assertThat(demo.path("steps").get(0).asText()).startsWith("ok   sales.orders");

    // The demo subscribed finance to sales.orders: it reads it through its link.
    String sql = "SELECT order_id FROM sales_link.orders ORDER BY order_id LIMIT 2";
    JsonNode rows = answer(cli.run("query", "--as", "finance", sql, "--json"), "query", "order_id");
    assertThat(rows).hasSize(2);
  }

  /**
   * The answer, checked: exit 0, valid JSON, the keys given (of its first element for a list), each
   * named in the command's --help.
   */
  private static JsonNode answer(MeshCli.Result result, String command, String keys)
      throws Exception {
    assertThat(result.code()).as(command + ": " + result.err()).isZero();
    JsonNode answer = Json.MAPPER.readTree(result.out());
    JsonNode element = answer.isArray() ? answer.path(0) : answer;
    Set<String> names = new LinkedHashSet<>();
    element.fieldNames().forEachRemaining(names::add);
    List<String> expected = List.of(keys.split(", "));
    assertThat(names).as(command + " --json").containsAll(expected);
    if (!command.equals("query")) { // query's keys are the result's columns
      String help = CliRun.of(command, "--help").out().replaceAll("\\s+", " ");
      assertThat(help).as(command + " --help").contains(expected);
    }
    return answer;
  }
}
