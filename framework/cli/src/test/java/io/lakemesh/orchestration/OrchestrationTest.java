package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.runtime.Json;
import io.lakemesh.spec.SpecLoader;
import java.io.IOException;
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
  private static final ProductGraph GRAPH =
      ProductGraph.of(SPECS.list().stream().map(SPECS::load).toList());

  @TempDir Path dir;

  private static final RunRecords RECORDS =
      RunRecords.parse("test", "s3://example-governance-records/lakemesh/");

  @Test
  void productsRunAfterTheProductsTheyRead() {
    assertThat(GRAPH.products().indexOf("finance.revenue"))
        .isGreaterThan(GRAPH.products().indexOf("sales.orders"))
        .isGreaterThan(GRAPH.products().indexOf("product.inventory"));
    assertThat(GRAPH.upstream().get("finance.revenue"))
        .containsExactlyInAnyOrder("sales.orders", "product.inventory");
    assertThat(GRAPH.upstream().get("sales.orders")).isEmpty();
  }

  @Test
  void theStateMachinePassesAslValidatorAndReadsTheRunRecordOnFailure() throws Exception {
    JsonNode asl = new StepFunctionsDefinition("lakemesh-", RECORDS).build(GRAPH);
    JsonNode states = asl.path("States");
    assertThat(asl.path("StartAt").asText()).isEqualTo("Start");
    assertThat(states.path("Start").path("Next").asText()).isEqualTo("Parallel 1");
    assertThat(states.path("Parallel 1").path("Type").asText()).isEqualTo("Parallel");
    JsonNode revenue = states.path("Run finance.revenue");
    assertThat(revenue.path("Resource").asText())
        .isEqualTo("arn:aws:states:::glue:startJobRun.sync");
    assertThat(revenue.path("Parameters").path("JobName").asText())
        .isEqualTo("lakemesh-finance-revenue");
    assertThat(revenue.path("Parameters").path("Arguments").path("--product").asText())
        .isEqualTo("finance.revenue");
    assertThat(revenue.path("Parameters").path("Arguments").path("--run-id.$").asText())
        .isEqualTo("States.Format('{}-finance-revenue', $$.Execution.Name)");
    assertThat(revenue.path("Retry").get(0).path("ErrorEquals").toString())
        .doesNotContain("States.TaskFailed");
    assertThat(revenue.path("Catch").get(0).path("Next").asText())
        .isEqualTo("Read the run record of finance.revenue");
    JsonNode read = states.path("Read the run record of finance.revenue");
    assertThat(read.path("Resource").asText()).isEqualTo("arn:aws:states:::aws-sdk:s3:getObject");
    assertThat(read.path("Parameters").path("Bucket").asText())
        .isEqualTo("example-governance-records");
    assertThat(read.path("Parameters").path("Key.$").asText())
        .isEqualTo("States.Format('lakemesh/job_runs/{}-finance-revenue.json', $$.Execution.Name)");
    assertThat(states.path("finance.revenue rejected: the execution fails").path("Error").asText())
        .isEqualTo(StepFunctionsDefinition.REJECTED);

    Path validator = REPO.resolve(".ci/node/node_modules/.bin/asl-validator");
    assumeTrue(
        Files.isExecutable(validator), "asl-validator is not installed (npm ci --prefix .ci/node)");
    Path file = Files.writeString(dir.resolve("lakemesh.asl.json"), Json.pretty(asl));
    Result result = run(validator.toString(), "--json-path", file.toString());
    assertThat(result.code()).as(result.output()).isZero();
    // A larger mesh (nested parallels, skips) is valid too.
    JsonNode larger =
        new StepFunctionsDefinition("lakemesh-", RECORDS)
            .build(
                RunPlanTest.graph(
                    "sales.orders",
                    "product.inventory",
                    "product.stock<product.inventory",
                    "finance.revenue<sales.orders,product.stock",
                    "marketing.audience"));
    Path second = Files.writeString(dir.resolve("larger.asl.json"), Json.pretty(larger));
    Result again = run(validator.toString(), "--json-path", second.toString());
    assertThat(again.code()).as(again.output()).isZero();
  }

  @Test
  void theAirflowDagNeverRetriesARejectionAndStopsGlueWhenKilled() throws Exception {
    String dag = new AirflowDag("lakemesh-", RECORDS, 90).render(GRAPH, "lakemesh", "@hourly");
    assertThat(dag)
        .contains(
            "sales_orders >> finance_revenue",
            "product_inventory >> finance_revenue",
            "job_name=\"lakemesh-sales-orders\"",
            "\"--product\": \"sales.orders\"",
            "\"--run-id\": \"{{ lakemesh_run_id(run_id, 'sales-orders') }}\"",
            "deferrable=True",
            "stop_job_run_on_kill=True",
            "execution_timeout=timedelta(minutes=90)",
            "RECORDS_BUCKET = \"example-governance-records\"",
            "JOB_RUNS_PREFIX = \"lakemesh/job_runs/\"",
            "raise AirflowFailException(");
    assertThat(dag.indexOf("finance_revenue = ")).isGreaterThan(dag.indexOf("sales_orders = "));

    Path file = Files.writeString(dir.resolve("lakemesh_dag.py"), dag);
    Result python =
        run(
            "python3",
            "-c",
            "import ast, sys; ast.parse(open(sys.argv[1]).read())",
            file.toString());
    assumeTrue(python.code() != 127, "python3 is not installed");
    assertThat(python.code()).as(python.output()).isZero();
    // The DAG's run id function, taken out of the file and called: Airflow's run ids hold : + .
    String call =
        "import ast, sys\n"
            + "tree = ast.parse(open(sys.argv[1]).read())\n"
            + "f = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == 'lakemesh_run_id']\n"
            + "scope = {'re': __import__('re')}\n"
            + "exec(compile(ast.Module(body=f, type_ignores=[]), 'dag', 'exec'), scope)\n"
            + "print(scope['lakemesh_run_id']('manual__2026-01-01T00:00:00.123456+00:00', 'sales-orders'))\n";
    Result runId = run("python3", "-c", call, file.toString());
    assertThat(runId.output().trim())
        .isEqualTo("manual__2026-01-01T00-00-00-123456-00-00-sales-orders");
  }

  private record Result(int code, String output) {}

  private static Result run(String... command) throws Exception {
    Process p;
    try {
      p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true).start();
    } catch (IOException e) {
      return new Result(127, e.getMessage());
    }
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), out);
  }
}
