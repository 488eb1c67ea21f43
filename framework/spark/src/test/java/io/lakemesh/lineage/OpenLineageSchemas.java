package io.lakemesh.lineage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenLineage JSON schemas our run events name, kept under test resources (openlineage/, see
 * its SOURCE file) and looked up by their {@code $id}, so that validating needs no network. A
 * document is checked against the schema its own {@code schemaURL} or {@code _schemaURL} names.
 */
final class OpenLineageSchemas {
  private static final List<String> FILES =
      List.of(
          "OpenLineage",
          "SchemaDatasetFacet",
          "DocumentationDatasetFacet",
          "OwnershipDatasetFacet",
          "DatasetVersionDatasetFacet",
          "OutputStatisticsOutputDatasetFacet",
          "DataQualityMetricsInputDatasetFacet",
          "DataQualityAssertionsDatasetFacet");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, String> byId = new LinkedHashMap<>();
  private final SchemaRegistry registry;

  OpenLineageSchemas() {
    for (String file : FILES) {
      String text = resource("/openlineage/" + file + ".json");
      byId.put(read(text).path("$id").asText(), text);
    }
    registry =
        SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(byId));
  }

  /** The schema ids held, e.g. https://openlineage.io/spec/2-0-2/OpenLineage.json. */
  Set<String> ids() {
    return byId.keySet();
  }

  /**
   * What is wrong with the run event and each of its facets, each against the schema it names;
   * empty when all conform. A facet naming a schema not held here is reported too.
   */
  List<String> problems(String runEvent) {
    List<String> problems =
        new ArrayList<>(check("event", runEvent, read(runEvent).path("schemaURL").asText()));
    JsonNode event = read(runEvent);
    for (String side : List.of("inputs", "outputs")) {
      for (JsonNode dataset : event.path(side)) {
        for (String group : List.of("facets", "inputFacets", "outputFacets")) {
          dataset
              .path(group)
              .fields()
              .forEachRemaining(
                  f ->
                      problems.addAll(
                          check(
                              side
                                  + " "
                                  + dataset.path("name").asText()
                                  + " "
                                  + group
                                  + "."
                                  + f.getKey(),
                              f.getValue().toString(),
                              f.getValue().path("_schemaURL").asText())));
        }
      }
    }
    return problems;
  }

  private List<String> check(String what, String document, String schemaUrl) {
    int hash = schemaUrl.indexOf('#');
    if (hash < 0 || !schemaUrl.substring(hash).startsWith("#/$defs/")) {
      return List.of(
          what + ": schema URL " + schemaUrl + " is no JSON pointer to a definition of its schema");
    }
    if (!byId.containsKey(schemaUrl.substring(0, hash))) {
      return List.of(
          what
              + ": schema "
              + schemaUrl
              + " is not among the schemas held ("
              + byId.keySet()
              + ")");
    }
    return registry
        .getSchema(SchemaLocation.of(schemaUrl))
        .validate(document, InputFormat.JSON)
        .stream()
        .map(e -> what + ": " + e)
        .toList();
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = OpenLineageSchemas.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
