package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.glue.model.StorageDescriptor;
import software.amazon.awssdk.services.glue.model.Table;
import software.amazon.awssdk.services.glue.model.TableInput;

// The AWS SDK's Column is spelled out in full where used: lakemesh's
// Column is imported here.

/**
 * A catalog entry as a Glue table. The entry's parameters are the Glue table's parameters, key for
 * key. Beside them lakemesh keeps its own bookkeeping under {@code lakemesh.catalog.} (version,
 * time, owner, format, partitioning, columns), and Iceberg's Glue catalog keeps {@code table_type}
 * and its metadata pointers; neither is part of the entry's parameters, and both survive a publish.
 *
 * <p>The published columns are kept twice. The storage descriptor's columns carry them, with
 * nullability and the PII flag as column parameters, so that Athena and the Glue console show the
 * schema. But every commit of Iceberg's GlueCatalog (a producer job's write, a rejected batch's
 * audit-branch write included) rewrites those columns from the Iceberg schema, keeping only their
 * comments (IcebergToGlueConverter.setTableInputInformation), while it keeps every table parameter
 * it does not own (GlueTableOperations.prepareProperties copies them). So the entry's columns are
 * read from the parameter {@code lakemesh.catalog.columns}, and from the storage descriptor only
 * for entries published before it existed.
 */
final class GlueTableMapping {
  static final String BOOKKEEPING = "lakemesh.catalog.";
  static final String VERSION = BOOKKEEPING + "version";
  static final String UPDATED_AT = BOOKKEEPING + "updated_at";
  static final String OWNER = BOOKKEEPING + "owner";
  static final String FORMAT = BOOKKEEPING + "format";
  static final String PARTITIONING = BOOKKEEPING + "partitioning";
  static final String COLUMNS = BOOKKEEPING + "columns";
  static final Set<String> ICEBERG_KEYS =
      Set.of("table_type", "metadata_location", "previous_metadata_location");
  static final String NULLABLE = "lakemesh.nullable";
  static final String PII = "lakemesh.pii";
  // Glue caps a column comment at 255 characters; the full text rides along when it is longer.
  static final String FULL_COMMENT = "lakemesh.comment";
  private static final int COMMENT_LIMIT = 255;
  private static final int DESCRIPTION_LIMIT = 2048;

  private GlueTableMapping() {}

  /**
   * The Glue table input of an entry.
   *
   * @param existing the Glue table being replaced, whose Iceberg keys are kept
   */
  static TableInput input(CatalogTable table, Optional<Table> existing) {
    Map<String, String> parameters = new TreeMap<>(table.parameters());
    existing
        .map(Table::parameters)
        .ifPresent(
            old ->
                old.forEach(
                    (k, v) -> {
                      if (ICEBERG_KEYS.contains(k)) {
                        parameters.put(k, v);
                      }
                    }));
    parameters.put(VERSION, Long.toString(table.version()));
    parameters.put(UPDATED_AT, table.updatedAt().toString());
    parameters.put(OWNER, table.id().catalog());
    parameters.put(FORMAT, table.format());
    parameters.put(PARTITIONING, Json.line(Json.strings(table.partitioning())).trim());
    parameters.put(COLUMNS, columnsJson(table.columns()));
    TableInput.Builder input =
        TableInput.builder()
            .name(table.id().table())
            .tableType("EXTERNAL_TABLE")
            .parameters(parameters)
            .storageDescriptor(
                StorageDescriptor.builder()
                    .location(table.location())
                    .columns(table.columns().stream().map(GlueTableMapping::column).toList())
                    .build());
    table
        .parameter(TableParameters.DESCRIPTION)
        .map(d -> clip(d, DESCRIPTION_LIMIT))
        .ifPresent(input::description);
    table.parameter(TableParameters.OWNER_TEAM).ifPresent(input::owner);
    return input.build();
  }

  /**
   * The Iceberg table at {@code location} that Iceberg's GlueCatalog created and lakemesh has not
   * published yet: the producer's job writes its table into the holder's catalog before the first
   * publish, which then adopts it, keeping the Iceberg keys. Any other table lakemesh did not
   * publish is left alone.
   */
  static boolean isIcebergTableAt(Table glue, String location) {
    Map<String, String> all = glue.parameters() == null ? Map.of() : glue.parameters();
    String own = glue.storageDescriptor() == null ? null : glue.storageDescriptor().location();
    return glue.targetTable() == null
        && "ICEBERG".equalsIgnoreCase(all.get("table_type"))
        && !all.containsKey(VERSION)
        && location != null
        && stripSlash(location).equals(own == null ? null : stripSlash(own));
  }

  private static String stripSlash(String location) {
    return location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
  }

  /** The entry a Glue table stands for; empty for links and for tables lakemesh did not publish. */
  static Optional<CatalogTable> entry(TableId id, Table glue) {
    Map<String, String> all = glue.parameters() == null ? Map.of() : glue.parameters();
    if (glue.targetTable() != null
        || !all.containsKey(VERSION)
        || !id.catalog().equals(all.get(OWNER))) {
      return Optional.empty();
    }
    Map<String, String> parameters = new TreeMap<>();
    all.forEach(
        (k, v) -> {
          if (!k.startsWith(BOOKKEEPING) && !ICEBERG_KEYS.contains(k)) {
            parameters.put(k, v);
          }
        });
    StorageDescriptor sd = glue.storageDescriptor();
    List<Column> columns = new ArrayList<>();
    if (all.containsKey(COLUMNS)) {
      columns.addAll(columns(all.get(COLUMNS)));
    } else if (sd != null) {
      sd.columns().forEach(c -> columns.add(column(c)));
    }
    return Optional.of(
        new CatalogTable(
            id,
            columns,
            sd == null ? null : sd.location(),
            all.get(FORMAT),
            partitioning(all.get(PARTITIONING)),
            parameters,
            Long.parseLong(all.get(VERSION)),
            Instant.parse(all.get(UPDATED_AT))));
  }

  /** The entry's version as the bookkeeping says, for tables lakemesh published. */
  static Optional<Long> version(Table glue) {
    return Optional.ofNullable(glue.parameters()).map(p -> p.get(VERSION)).map(Long::parseLong);
  }

  private static software.amazon.awssdk.services.glue.model.Column column(Column c) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put(NULLABLE, Boolean.toString(c.nullable()));
    parameters.put(PII, Boolean.toString(c.pii()));
    if (c.comment().length() > COMMENT_LIMIT) {
      parameters.put(FULL_COMMENT, c.comment());
    }
    var glue =
        software.amazon.awssdk.services.glue.model.Column.builder()
            .name(c.name())
            .type(c.type())
            .parameters(parameters);
    if (!c.comment().isEmpty()) {
      glue.comment(clip(c.comment(), COMMENT_LIMIT));
    }
    return glue.build();
  }

  private static Column column(software.amazon.awssdk.services.glue.model.Column c) {
    Map<String, String> p = c.parameters() == null ? Map.of() : c.parameters();
    String comment = p.getOrDefault(FULL_COMMENT, c.comment());
    return new Column(
        c.name(), c.type(), !"false".equals(p.get(NULLABLE)), comment, "true".equals(p.get(PII)));
  }

  private static String columnsJson(List<Column> columns) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (Column c : columns) {
      list.addObject()
          .put("name", c.name())
          .put("type", c.type())
          .put("nullable", c.nullable())
          .put("comment", c.comment())
          .put("pii", c.pii());
    }
    return Json.line(list).trim();
  }

  private static List<Column> columns(String json) {
    try {
      List<Column> columns = new ArrayList<>();
      for (JsonNode c : Json.parse(json)) {
        columns.add(
            new Column(
                Json.requiredText(c, "name"),
                Json.requiredText(c, "type"),
                c.path("nullable").asBoolean(true),
                Json.text(c, "comment"),
                c.path("pii").asBoolean(false)));
      }
      return columns;
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "Glue parameter " + COLUMNS + " is not a JSON list of columns: " + json, e);
    }
  }

  private static List<String> partitioning(String json) {
    if (json == null) {
      return List.of();
    }
    try {
      return Json.strings(Json.parse(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "Glue parameter " + PARTITIONING + " is not a JSON list: " + json, e);
    }
  }

  private static String clip(String text, int limit) {
    return text.length() <= limit ? text : text.substring(0, limit);
  }
}
