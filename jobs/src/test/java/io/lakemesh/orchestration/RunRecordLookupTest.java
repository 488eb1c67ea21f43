package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.aws.loopback.LoopbackMesh;
import io.lakemesh.orchestration.AslInterpreter.Execution;
import io.lakemesh.orchestration.AslInterpreter.TaskError;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The state machine finds a run's record where the aws backend writes it: the job records its run
 * through the aws catalog (on the loopback S3) under the run id the state machine gave it, and the
 * state machine's S3 GetObject reads that object back and names the rejection.
 */
class RunRecordLookupTest {
  @TempDir Path dir;

  @Test
  void aRejectionRecordedByTheAwsBackendIsTheOneTheStateMachineReads() {
    try (LoopbackMesh mesh = new LoopbackMesh(dir);
        GovernanceCatalog catalog = CatalogLoader.load("aws", "lakemesh", mesh.properties())) {
      RunRecords records = RunRecords.parse("records.root", mesh.properties().get("records.root"));
      JsonNode definition =
          new StepFunctionsDefinition("lakemesh-", records)
              .build(new ProductGraph(List.of("sales.orders"), Map.of("sales.orders", List.of())));
      assertThat(
              definition
                  .path("States")
                  .path("Read the run record of sales.orders")
                  .path("Parameters")
                  .path("Key.$")
                  .asText())
          .isEqualTo("States.Format('mesh/job_runs/{}-sales-orders.json', $$.Execution.Name)");

      Instant at = Instant.parse("2026-12-06T03:00:00Z");
      Execution execution =
          AslInterpreter.run(
              definition,
              JsonNodeFactory.instance.objectNode(),
              "nightly-42",
              (resource, parameters) -> {
                if (resource.endsWith(":glue:startJobRun.sync")) {
                  String runId = parameters.path("Arguments").path("--run-id").asText();
                  catalog.recordJobRun(
                      new JobRun(
                          runId,
                          "sales.orders",
                          null,
                          JobRun.Status.REJECTED,
                          at,
                          at,
                          null,
                          "quality gate failed",
                          null));
                  throw new TaskError("States.TaskFailed", "Glue job run failed");
                }
                String body =
                    mesh.aws()
                        .s3()
                        .read(parameters.path("Bucket").asText(), parameters.path("Key").asText());
                if (body == null) {
                  throw new TaskError("S3.NoSuchKeyException", "The specified key does not exist.");
                }
                return JsonNodeFactory.instance.objectNode().put("Body", body);
              });

      assertThat(mesh.aws().s3().keys(LoopbackMesh.RECORDS_BUCKET))
          .contains("mesh/job_runs/nightly-42-sales-orders.json");
      assertThat(execution.error()).isEqualTo(StepFunctionsDefinition.REJECTED);
      assertThat(execution.cause()).startsWith("sales.orders: the quality gate rejected the batch");
    }
  }
}
