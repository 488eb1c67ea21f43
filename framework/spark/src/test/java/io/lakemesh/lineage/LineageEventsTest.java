package io.lakemesh.lineage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.config.LakemeshConfig.LineageSettings;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run event follows the OpenLineage schema and reaches a file consumer as written. No Spark.
 */
class LineageEventsTest {
  private static final ProductSpec ORDERS =
      new SpecLoader(Path.of("").toAbsolutePath().getParent().getParent().resolve("jobs/products"))
          .load("sales.orders");

  private LineageEvent event() {
    return new LineageEvents()
        .complete(
            ORDERS,
            "run-1",
            Instant.parse("2026-11-25T10:00:00Z"),
            List.of(new LineageEvents.Dataset("file", "/data/orders.csv")),
            new LineageEvents.Output(
                LineageEvents.tableDataset("sales", "sales.orders"), 42L, 500L),
            List.of(
                new Metric("Column", "country", "Completeness", 0.98),
                new Metric("Column", "order_id", "CountDistinct", 500.0),
                new Metric("Column", "quantity", "Minimum", 1.0),
                new Metric("Dataset", "*", "Size", 500.0)),
            List.of(
                new ConstraintResult(
                    "unique(order_id)",
                    "UniquenessConstraint",
                    ConstraintResult.Severity.ERROR,
                    ConstraintResult.Status.SUCCESS,
                    "")));
  }

  @Test
  void theEventCarriesJobRunDatasetsSchemaAndQuality() throws Exception {
    LineageEvent event = event();
    JsonNode json = new ObjectMapper().readTree(event.document());

    assertThat(json.path("eventType").asText()).isEqualTo("COMPLETE");
    assertThat(json.path("job").path("name").asText()).isEqualTo("sales.orders");
    assertThat(json.path("run").path("runId").asText())
        .isEqualTo(LineageEvents.runUuid("run-1").toString());
    assertThat(json.path("inputs").get(0).path("name").asText()).isEqualTo("/data/orders.csv");
    JsonNode output = json.path("outputs").get(0);
    assertThat(output.path("namespace").asText()).isEqualTo("lakemesh://sales");
    assertThat(output.path("facets").path("schema").path("fields")).hasSize(ORDERS.schema().size());
    assertThat(output.path("facets").path("version").path("datasetVersion").asText())
        .isEqualTo("42");
    JsonNode facets = output.path("outputFacets");
    assertThat(facets.path("outputStatistics").path("rowCount").asLong()).isEqualTo(500);
    assertThat(
            facets
                .path("dataQualityMetrics")
                .path("columnMetrics")
                .path("country")
                .path("completeness")
                .asDouble())
        .isEqualTo(0.98);
    assertThat(
            facets
                .path("dataQualityAssertions")
                .path("assertions")
                .get(0)
                .path("assertion")
                .asText())
        .isEqualTo("unique(order_id)");
    assertThat(event.inputs()).containsExactly("file:/data/orders.csv");
    assertThat(event.outputs()).containsExactly("lakemesh://sales/sales.orders");
  }

  @Test
  void theEventAndEachOfItsFacetsConformToTheOpenLineageSchemasTheyName() {
    OpenLineageSchemas schemas = new OpenLineageSchemas();

    assertThat(schemas.ids()).contains("https://openlineage.io/spec/2-0-2/OpenLineage.json");
    assertThat(schemas.problems(event().document())).isEmpty();
  }

  @Test
  void anEventOrAFacetOffTheSchemaIsReported() throws Exception {
    ObjectNode event = (ObjectNode) new ObjectMapper().readTree(event().document());
    event.put("eventType", "DONE");
    ObjectNode assertion =
        (ObjectNode)
            event
                .path("outputs")
                .get(0)
                .path("outputFacets")
                .path("dataQualityAssertions")
                .path("assertions")
                .get(0);
    assertion.remove("success");

    List<String> problems = new OpenLineageSchemas().problems(event.toString());

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("event: ").contains("eventType");
    assertThat(problems.get(1))
        .startsWith("outputs sales.orders outputFacets.dataQualityAssertions: ")
        .contains("success");
  }

  @Test
  void datasetNamesReadAsUris() {
    assertThat(new LineageEvents.Dataset("file", "/data/orders.csv").qualified())
        .isEqualTo("file:/data/orders.csv");
    assertThat(LineageEvents.tableDataset("sales", "sales.orders").qualified())
        .isEqualTo("lakemesh://sales/sales.orders");
    assertThat(new LineageEvents.Dataset("file", "s3://bucket/orders.csv").qualified())
        .isEqualTo("s3://bucket/orders.csv");
  }

  @Test
  void aFileTransportReceivesTheEvent(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("events.ndjson");
    LineageEmitter.from(new LineageSettings("file", file.toString(), ""))
        .orElseThrow()
        .emit(event().document());
    String written = Files.readString(file);
    assertThat(new ObjectMapper().readTree(written).path("job").path("name").asText())
        .isEqualTo("sales.orders");
  }

  @Test
  void noTransportMeansNoEmitter() {
    assertThat(LineageEmitter.from(new LineageSettings("none", "", ""))).isEmpty();
  }
}
