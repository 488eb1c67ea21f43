package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.runtime.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.glue.GlueClient;
import software.amazon.awssdk.services.glue.model.CreateJobRequest;
import software.amazon.awssdk.services.glue.model.Job;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResponse;
import software.amazon.awssdk.services.sfn.model.ValidateStateMachineDefinitionResultCode;

/**
 * On a real account (only with {@code LAKEMESH_AWS_IT=1}, credentials and region from the
 * environment): Step Functions accepts the generated state machine ({@code
 * ValidateStateMachineDefinition}), and Glue accepts a product's {@code CreateJob} request as
 * {@code orchestrate glue-job} prints it ({@code LAKEMESH_AWS_IT_GLUE_ROLE_ARN} names the role; the
 * job is deleted afterwards). Running the job needs the jar uploaded and is left to a person.
 */
class LiveOrchestrationTest {
  private static final ProductGraph MESH =
      RunPlanTest.graph(
          "sales.orders",
          "product.inventory",
          "product.stock<product.inventory",
          "finance.revenue<sales.orders,product.stock",
          "marketing.audience");

  private static void requireLive() {
    assumeTrue(
        "1".equals(System.getenv("LAKEMESH_AWS_IT")), "live AWS tests run with LAKEMESH_AWS_IT=1");
  }

  @Test
  void stepFunctionsAcceptsTheStateMachine() {
    requireLive();
    String definition =
        Json.pretty(
            new StepFunctionsDefinition(
                    "lakemesh-",
                    RunRecords.parse("test", "s3://example-governance-records/lakemesh/"))
                .build(MESH));
    try (SfnClient sfn = SfnClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      ValidateStateMachineDefinitionResponse answer =
          sfn.validateStateMachineDefinition(
              b -> b.definition(definition).type(StateMachineType.STANDARD));
      assertThat(answer.result())
          .as(answer.diagnostics().toString())
          .isEqualTo(ValidateStateMachineDefinitionResultCode.OK);
    }
  }

  @Test
  void glueTakesTheCreateJobRequestOnGlue51() {
    requireLive();
    String role = System.getenv("LAKEMESH_AWS_IT_GLUE_ROLE_ARN");
    assumeTrue(role != null, "LAKEMESH_AWS_IT_GLUE_ROLE_ARN names the role the Glue job runs as");
    String prefix = "lakemesh-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    JsonNode request =
        new GlueJobDefinition(
                prefix,
                role,
                "s3://example-artifacts/lakemesh/lakemesh-jobs.jar",
                "s3://example-artifacts/lakemesh/LakemeshGlueJob.scala",
                "s3://example-artifacts/lakemesh/glue.conf",
                List.of(),
                2,
                60)
            .createJob("sales.orders");
    Map<String, String> arguments = new LinkedHashMap<>();
    request
        .path("DefaultArguments")
        .fields()
        .forEachRemaining(e -> arguments.put(e.getKey(), e.getValue().asText()));
    Map<String, String> tags =
        Map.of("lakemesh:product", request.path("Tags").path("lakemesh:product").asText());
    try (GlueClient glue =
        GlueClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
      String name = request.path("Name").asText();
      glue.createJob(
          CreateJobRequest.builder()
              .name(name)
              .description(request.path("Description").asText())
              .role(request.path("Role").asText())
              .glueVersion(request.path("GlueVersion").asText())
              .command(
                  c ->
                      c.name(request.path("Command").path("Name").asText())
                          .scriptLocation(request.path("Command").path("ScriptLocation").asText()))
              .defaultArguments(arguments)
              .workerType(request.path("WorkerType").asText())
              .numberOfWorkers(request.path("NumberOfWorkers").asInt())
              .timeout(request.path("Timeout").asInt())
              .maxRetries(request.path("MaxRetries").asInt())
              .executionProperty(
                  e ->
                      e.maxConcurrentRuns(
                          request.path("ExecutionProperty").path("MaxConcurrentRuns").asInt()))
              .tags(tags)
              .build());
      try {
        Job job = glue.getJob(b -> b.jobName(name)).job();
        assertThat(job.glueVersion()).isEqualTo("5.1");
        assertThat(job.defaultArguments())
            .containsEntry("--job-language", "scala")
            .containsEntry("--user-jars-first", "true")
            .doesNotContainKey("--datalake-formats");
      } finally {
        glue.deleteJob(b -> b.jobName(name));
      }
    }
  }
}
