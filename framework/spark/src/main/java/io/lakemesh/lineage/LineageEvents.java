package io.lakemesh.lineage;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Metric;
import io.lakemesh.spec.ColumnSpec;
import io.lakemesh.spec.ProductSpec;
import io.openlineage.client.OpenLineage;
import io.openlineage.client.OpenLineageClientUtils;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds the OpenLineage run event of a published product: the job is the product, inputs are its
 * sources, the output is its table with schema, ownership, version, statistics, and the quality
 * gate's assertions and metrics.
 */
public final class LineageEvents {
  public static final URI PRODUCER = URI.create("https://lakemesh.io/lakemesh");
  public static final String JOB_NAMESPACE = "lakemesh";
  // A facet's _schemaURL is a JSON pointer to its definition, as the client's own facets give it.
  private static final URI DQ_METRICS_SCHEMA =
      URI.create(
          "https://openlineage.io/spec/facets/1-0-2/"
              + "DataQualityMetricsInputDatasetFacet.json#/$defs/DataQualityMetricsInputDatasetFacet");
  private static final URI DQ_ASSERTIONS_SCHEMA =
      URI.create(
          "https://openlineage.io/spec/facets/1-0-1/"
              + "DataQualityAssertionsDatasetFacet.json#/$defs/DataQualityAssertionsDatasetFacet");

  private final OpenLineage ol = new OpenLineage(PRODUCER);

  /** What lineage knows of one dataset. */
  public record Dataset(String namespace, String name) {
    /**
     * The dataset as one name: a namespace that is a URI's start ({@code lakemesh://sales}) and the
     * name make {@code lakemesh://sales/sales.orders}; a bare scheme ({@code file}) and a path make
     * the URI {@code file:/data/orders.csv}; a name that is a URI already stays as it is.
     */
    public String qualified() {
      if (name.contains("://")) {
        return name;
      }
      return namespace.contains(":") ? namespace + "/" + name : namespace + ":" + name;
    }
  }

  /** The published output: its dataset name, snapshot and row count. */
  public record Output(Dataset dataset, long snapshotId, long rowCount) {}

  /**
   * The lakemesh dataset of a product table: namespace {@code lakemesh://ACCOUNT}, name {@code
   * db.table}.
   */
  public static Dataset tableDataset(String account, String qualifiedTable) {
    return new Dataset("lakemesh://" + account, qualifiedTable);
  }

  public LineageEvent complete(
      ProductSpec spec,
      String runId,
      Instant at,
      List<Dataset> inputs,
      Output output,
      List<Metric> metrics,
      List<ConstraintResult> constraints) {
    OpenLineage.RunEvent event =
        ol.newRunEventBuilder()
            .eventType(OpenLineage.RunEvent.EventType.COMPLETE)
            .eventTime(at.atZone(ZoneOffset.UTC))
            .run(ol.newRun(runUuid(runId), null))
            .job(ol.newJob(JOB_NAMESPACE, spec.id(), null))
            .inputs(
                inputs.stream()
                    .map(d -> ol.newInputDataset(d.namespace(), d.name(), null, null))
                    .toList())
            .outputs(List.of(output(spec, output, metrics, constraints)))
            .build();
    return new LineageEvent(
        runId,
        spec.id(),
        at,
        inputs.stream().map(Dataset::qualified).toList(),
        List.of(output.dataset().qualified()),
        OpenLineageClientUtils.toJson(event));
  }

  private OpenLineage.OutputDataset output(
      ProductSpec spec, Output output, List<Metric> metrics, List<ConstraintResult> constraints) {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    for (ColumnSpec c : spec.schema()) {
      fields.add(ol.newSchemaDatasetFacetFields(c.name(), c.type(), c.description(), null));
    }
    List<Map<String, Object>> assertions = new ArrayList<>();
    for (ConstraintResult c : constraints) {
      assertions.add(
          Map.of("assertion", c.rule(), "success", c.status() == ConstraintResult.Status.SUCCESS));
    }
    OpenLineage.DatasetFacets facets =
        ol.newDatasetFacetsBuilder()
            .schema(ol.newSchemaDatasetFacet(fields))
            .documentation(ol.newDocumentationDatasetFacet(spec.description()))
            .ownership(
                ol.newOwnershipDatasetFacet(
                    List.of(ol.newOwnershipDatasetFacetOwners(spec.owner().team(), "team"))))
            .version(ol.newDatasetVersionDatasetFacet(Long.toString(output.snapshotId())))
            .build();
    OpenLineage.OutputDatasetOutputFacets outputFacets =
        ol.newOutputDatasetOutputFacetsBuilder()
            .outputStatistics(
                ol.newOutputStatisticsOutputDatasetFacet(output.rowCount(), null, null))
            .put(
                "dataQualityMetrics",
                outputFacet(
                    DQ_METRICS_SCHEMA,
                    Map.of("rowCount", output.rowCount(), "columnMetrics", columnMetrics(metrics))))
            .put(
                "dataQualityAssertions",
                outputFacet(DQ_ASSERTIONS_SCHEMA, Map.of("assertions", assertions)))
            .build();
    return ol.newOutputDataset(
        output.dataset().namespace(), output.dataset().name(), facets, outputFacets);
  }

  // The standard data quality facets are declared for inputs; a gate checks what it writes, so
  // the same documents (same schema URLs and fields) ride on the output.
  private static OpenLineage.DefaultOutputDatasetFacet outputFacet(
      URI schema, Map<String, Object> fields) {
    OpenLineage.DefaultOutputDatasetFacet facet =
        new OpenLineage.DefaultOutputDatasetFacet(PRODUCER) {
          @Override
          public URI get_schemaURL() {
            return schema;
          }
        };
    facet.getAdditionalProperties().putAll(fields);
    return facet;
  }

  private static Map<String, Map<String, Object>> columnMetrics(List<Metric> metrics) {
    Map<String, Map<String, Object>> columns = new LinkedHashMap<>();
    for (Metric m : metrics) {
      if (!"Column".equals(m.entity())) {
        continue;
      }
      String key =
          switch (m.name()) {
            case "Completeness" -> "completeness";
            case "Minimum" -> "min";
            case "Maximum" -> "max";
            case "Sum" -> "sum";
            case "CountDistinct" -> "distinctCount";
            default -> null;
          };
      if (key != null) {
        columns.computeIfAbsent(m.instance(), c -> new LinkedHashMap<>()).put(key, m.value());
      }
    }
    return columns;
  }

  /** OpenLineage wants a UUID; any run id maps to one, stably. */
  public static UUID runUuid(String runId) {
    try {
      return UUID.fromString(runId);
    } catch (IllegalArgumentException e) {
      return UUID.nameUUIDFromBytes(runId.getBytes(StandardCharsets.UTF_8));
    }
  }
}
