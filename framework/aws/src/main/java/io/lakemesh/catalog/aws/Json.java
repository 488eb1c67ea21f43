package io.lakemesh.catalog.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.exceptions.ExternalServiceException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON of the records kept in S3: one object per line, snake_case keys, times as ISO-8601 text
 * (exact to the nanosecond) so that Athena reads them as strings and {@code from_iso8601_timestamp}
 * parses them.
 */
final class Json {
  static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Deequ reports NaN for metrics over empty or constant columns.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Records written by a newer lakemesh may carry fields this one does not know.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** One line: the node without line breaks, newline-terminated. */
  static String line(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  static String lines(Collection<? extends JsonNode> nodes) {
    StringBuilder out = new StringBuilder();
    nodes.forEach(n -> out.append(line(n)));
    return out.toString();
  }

  /** Parses JSON lines; blank lines are skipped. */
  static List<JsonNode> parseLines(String text) throws JsonProcessingException {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      if (!line.isBlank()) {
        nodes.add(MAPPER.readTree(line));
      }
    }
    return nodes;
  }

  /**
   * The records of an S3 object of JSON lines.
   *
   * @param where the object, named in the error when it does not hold lakemesh records
   */
  static <T> List<T> records(String body, Function<JsonNode, T> reader, String where) {
    try {
      List<T> items = new ArrayList<>();
      for (JsonNode node : parseLines(body)) {
        items.add(reader.apply(node));
      }
      return List.copyOf(items);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new ExternalServiceException(
          where + " does not hold valid lakemesh records: " + e.getMessage(), e);
    }
  }

  static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  static ArrayNode strings(Collection<String> values) {
    ArrayNode array = MAPPER.createArrayNode();
    values.forEach(array::add);
    return array;
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }

  /** Text of a field that may be absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  static String requiredText(JsonNode node, String field) {
    String value = text(node, field);
    if (value == null) {
      throw new IllegalArgumentException("record lacks field '" + field + "'");
    }
    return value;
  }

  static Instant instant(JsonNode node, String field) {
    String value = text(node, field);
    return value == null ? null : Instant.parse(value);
  }

  static Long longOrNull(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asLong();
  }

  /** A double that may have been written as text ({@code "NaN"}, {@code "Infinity"}). */
  static double number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value.isTextual() ? Double.parseDouble(value.asText()) : value.asDouble();
  }

  static String instantText(Instant at) {
    return at == null ? null : at.toString();
  }
}
