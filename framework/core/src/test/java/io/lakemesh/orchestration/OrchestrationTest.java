package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.runtime.Json;
import io.lakemesh.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scheduler definitions for the shipped products: valid, and in lineage order. No Spark. */
class OrchestrationTest {
  private static final Path REPO = Path.of("").toAbsolutePath().getParent().getParent();
  private static final SpecLoader SPECS = new SpecLoader(REPO.resolve("jobs/products"));
  private static final ProductGraph GRAPH = ProductGraph.of(SPECS.list().stream().map(SPECS::load).toList());

  @TempDir Path dir;

  @Test
  void productsRunAfterTheProductsTheyRead() {
    List<String> first = GRAPH.levels().get(0).stream().map(s -> s.id()).toList();
    assertThat(first).containsExactlyInAnyOrder("product.inventory", "sales.orders");
    assertThat(GRAPH.levels().get(1)).extracting(s -> s.id()).containsExactly("finance.revenue");
    assertThat(GRAPH.upstream().get("finance.revenue")).containsExactlyInAnyOrder("sales.orders", "product.inventory");
  }

  @Test
  void theStateMachinePassesAslValidatorAndNamesARejection() throws Exception {
    JsonNode asl = new StepFunctionsDefinition("lakemesh-").build(GRAPH);
    assertThat(asl.path("StartAt").asText()).isEqualTo("Level 1 in parallel");
    JsonNode level1 = asl.path("States").path("Level 1 in parallel");
    assertThat(level1.path("Type").asText()).isEqualTo("Parallel");
    assertThat(level1.path("Next").asText()).isEqualTo("Run finance.revenue");
    JsonNode revenue = asl.path("States").path("Run finance.revenue");
    assertThat(revenue.path("Resource").asText()).isEqualTo("arn:aws:states:::glue:startJobRun.sync");
    assertThat(revenue.path("Parameters").path("JobName").asText()).isEqualTo("lakemesh-finance-revenue");
    assertThat(revenue.path("Parameters").path("Arguments").path("--product").asText()).isEqualTo("finance.revenue");
    assertThat(revenue.path("Retry").get(0).path("ErrorEquals").toString()).doesNotContain("States.TaskFailed");
    assertThat(asl.path("States").path("finance.revenue rejected by the quality gate").path("Error").asText())
        .isEqualTo(StepFunctionsDefinition.REJECTED);

    Path validator = REPO.resolve(".ci/node/node_modules/.bin/asl-validator");
    assumeTrue(Files.isExecutable(validator), "asl-validator is not installed (npm ci --prefix .ci/node)");
    Path file = Files.writeString(dir.resolve("lakemesh.asl.json"), Json.pretty(asl));
    Result result = run(validator.toString(), "--json-path", file.toString());
    assertThat(result.code()).as(result.output()).isZero();
  }

  @Test
  void theAirflowDagIsPythonWithTheSameOrder() throws Exception {
    String dag = new AirflowDag("lakemesh-").render(GRAPH, "lakemesh", "@hourly");
    assertThat(dag).contains("sales_orders >> finance_revenue", "product_inventory >> finance_revenue",
        "job_name=\"lakemesh-sales-orders\"", "script_args={\"--product\": \"sales.orders\"}");
    assertThat(dag.indexOf("finance_revenue = ")).isGreaterThan(dag.indexOf("sales_orders = "));

    Path file = Files.writeString(dir.resolve("lakemesh_dag.py"), dag);
    Result python = run("python3", "-c", "import ast, sys; ast.parse(open(sys.argv[1]).read())", file.toString());
    assumeTrue(python.code() != 127, "python3 is not installed");
    assertThat(python.code()).as(python.output()).isZero();
  }

  private record Result(int code, String output) {}

  private static Result run(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return new Result(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
