package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lakemesh.orchestration.AslInterpreter.Execution;
import io.lakemesh.orchestration.AslInterpreter.TaskError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The state machine's control flow, run by {@link AslInterpreter} with Glue and S3 answered here: a
 * Glue job "runs" by writing its run record where the aws backend keeps job runs ({@code
 * ROOT/job_runs/RUN_ID.json}, one JSON line with its status) and fails when the run did.
 */
class StepFunctionsControlFlowTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final RunRecords RECORDS =
      RunRecords.parse("test", "s3://example-records/lakemesh/");
  // orders and inventory share no lineage; stock reads inventory; revenue reads orders and stock;
  // audience reads nothing.
  private static final ProductGraph MESH =
      RunPlanTest.graph(
          "sales.orders",
          "product.inventory",
          "product.stock<product.inventory",
          "finance.revenue<sales.orders,product.stock",
          "marketing.audience");
  private static final JsonNode DEFINITION =
      new StepFunctionsDefinition("lakemesh-", RECORDS).build(MESH);

  /** Glue and S3 as the state machine sees them; each product's job ends as the test says. */
  private static final class Cloud implements AslInterpreter.Services {
    final Map<String, String> jobEnds = new HashMap<>();
    final Map<String, String> glueErrors = new HashMap<>();
    final Map<String, String> objects = new HashMap<>();
    final Map<String, String> runIds = new LinkedHashMap<>();
    final List<String> transientFailures = new ArrayList<>();

    @Override
    public JsonNode call(String resource, JsonNode parameters) {
      if (resource.equals("arn:aws:states:::glue:startJobRun.sync")) {
        return glue(parameters);
      }
      if (resource.equals("arn:aws:states:::aws-sdk:s3:getObject")) {
        assertThat(parameters.get("Bucket").asText()).isEqualTo("example-records");
        String body = objects.get(parameters.get("Key").asText());
        if (body == null) {
          throw new TaskError("S3.NoSuchKeyException", "The specified key does not exist.");
        }
        return JsonNodeFactory.instance
            .objectNode()
            .put("Body", body)
            .put("ContentType", "application/json");
      }
      throw new AssertionError("unexpected resource " + resource);
    }

    private JsonNode glue(JsonNode parameters) {
      String product = parameters.get("Arguments").get("--product").asText();
      if (transientFailures.remove(product)) {
        throw new TaskError(
            "Glue.ConcurrentRunsExceededException", "Concurrent runs exceeded for " + product);
      }
      String runId = parameters.get("Arguments").get("--run-id").asText();
      runIds.put(product, runId);
      String status = jobEnds.getOrDefault(product, "PUBLISHED");
      if (!status.equals("NO_RECORD")) {
        objects.put(
            "lakemesh/job_runs/" + runId + ".json",
            "{\"run_id\":\""
                + runId
                + "\",\"product\":\""
                + product
                + "\",\"status\":\""
                + status
                + "\"}");
      }
      if (!status.equals("PUBLISHED")) {
        throw new TaskError(
            "States.TaskFailed",
            glueErrors.getOrDefault(
                product,
                "{\"JobName\":\""
                    + parameters.get("JobName").asText()
                    + "\",\"JobRunState\":\"FAILED\","
                    + "\"ErrorMessage\":\"IllegalStateException: lakemesh run failed\"}"));
      }
      return JsonNodeFactory.instance.objectNode().put("JobRunState", "SUCCEEDED");
    }
  }

  private static Map<String, String> outcomes(Execution execution) throws Exception {
    String cause = execution.cause();
    JsonNode outcomes =
        MAPPER.readTree(cause.substring(cause.indexOf("Outcomes: ") + "Outcomes: ".length()));
    Map<String, String> out = new LinkedHashMap<>();
    outcomes.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  @Test
  void aRejectedBranchLetsItsSiblingsAndTheProductsThatDoNotReadItFinish() throws Exception {
    Cloud cloud = new Cloud();
    cloud.jobEnds.put("sales.orders", "REJECTED");

    Execution execution =
        AslInterpreter.run(DEFINITION, JsonNodeFactory.instance.objectNode(), "nightly-42", cloud);

    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).isEqualTo("lakemesh.QualityGateRejected");
    assertThat(execution.cause())
        .startsWith("sales.orders: the quality gate rejected the batch; nothing was published.");
    // inventory ran beside orders, stock after inventory only, audience beside them all; revenue
    // reads the rejected orders and never started.
    assertThat(cloud.runIds)
        .containsOnlyKeys(
            "sales.orders", "product.inventory", "product.stock", "marketing.audience");
    assertThat(cloud.runIds)
        .containsEntry("sales.orders", "nightly-42-sales-orders")
        .containsEntry("product.stock", "nightly-42-product-stock");
    assertThat(outcomes(execution))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sales_orders", "rejected",
                "product_inventory", "published",
                "product_stock", "published",
                "finance_revenue", "skipped",
                "marketing_audience", "published"));
    assertThat(execution.entered())
        .contains("finance.revenue skipped")
        .doesNotContain("Run finance.revenue");
  }

  @Test
  void aRejectionIsReadFromTheRunRecordNotFromGluesMessage() throws Exception {
    Cloud cloud = new Cloud();
    // The job failed for another reason, though its message happens to name a rejection.
    cloud.jobEnds.put("product.inventory", "FAILED");
    cloud.glueErrors.put(
        "product.inventory", "lakemesh.QualityGateRejected: (an old message format)");
    // orders' job failed before it could write any record.
    cloud.jobEnds.put("sales.orders", "NO_RECORD");

    Execution execution =
        AslInterpreter.run(DEFINITION, JsonNodeFactory.instance.objectNode(), "nightly-43", cloud);

    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).isEqualTo("lakemesh.JobFailed");
    assertThat(execution.cause()).startsWith("sales.orders: the Glue job failed.");
    assertThat(outcomes(execution))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "sales_orders", "failed",
                "product_inventory", "failed",
                "product_stock", "skipped",
                "finance_revenue", "skipped",
                "marketing_audience", "published"));
  }

  @Test
  void aRejectionIsNamedBeforeAnyOtherFailure() throws Exception {
    Cloud cloud = new Cloud();
    cloud.jobEnds.put("sales.orders", "FAILED");
    cloud.jobEnds.put("marketing.audience", "REJECTED");

    Execution execution =
        AslInterpreter.run(DEFINITION, JsonNodeFactory.instance.objectNode(), "nightly-44", cloud);

    assertThat(execution.error()).isEqualTo("lakemesh.QualityGateRejected");
    assertThat(execution.cause())
        .startsWith("marketing.audience: the quality gate rejected the batch");
  }

  @Test
  void everyProductPublishedSucceedsAfterRetryingGluesTransientErrors() {
    Cloud cloud = new Cloud();
    cloud.transientFailures.add("finance.revenue");

    Execution execution =
        AslInterpreter.run(DEFINITION, JsonNodeFactory.instance.objectNode(), "nightly-45", cloud);

    assertThat(execution.status()).isEqualTo("SUCCEEDED");
    assertThat(cloud.runIds)
        .containsOnlyKeys(
            "sales.orders",
            "product.inventory",
            "product.stock",
            "finance.revenue",
            "marketing.audience");
    assertThat(execution.output().get("outcomes").toString())
        .isEqualTo(
            "{\"sales_orders\":\"published\","
                + "\"product_inventory\":\"published\",\"product_stock\":\"published\",\"finance_revenue\":\"published\","
                + "\"marketing_audience\":\"published\"}");
  }

  @Test
  void theInterpreterFailsAWholeParallelWhenOneBranchFails() throws Exception {
    // The documented behaviour the definition works around: an uncaught failure in one branch
    // fails the Parallel state and its other branches do not finish.
    JsonNode naive =
        MAPPER.readTree(
            """
        {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
          {"StartAt": "Run a", "States": {"Run a": {"Type": "Task", "Resource": "glue", "End": true}}},
          {"StartAt": "Run b", "States": {"Run b": {"Type": "Task", "Resource": "glue", "End": true}}}]}}}
        """);
    List<String> ran = new ArrayList<>();
    Execution execution =
        AslInterpreter.run(
            naive,
            JsonNodeFactory.instance.objectNode(),
            "x",
            (resource, p) -> {
              ran.add("a");
              throw new TaskError("States.TaskFailed", "rejected");
            });
    assertThat(execution.status()).isEqualTo("FAILED");
    assertThat(execution.error()).isEqualTo("States.TaskFailed");
    assertThat(ran).hasSize(1);
    assertThat(execution.entered()).containsExactly("Both", "Run a");
  }
}
