package io.lakemesh.catalog.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.exceptions.ExternalServiceException;
import java.util.List;
import java.util.Map;

/** The JSON form of the values the catalog keeps as text. */
final class Json {
  static final TypeReference<List<Column>> COLUMNS = new TypeReference<>() {};
  static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  static final TypeReference<Map<String, String>> PARAMETERS = new TypeReference<>() {};
  static final TypeReference<List<Metric>> METRICS = new TypeReference<>() {};
  static final TypeReference<List<ConstraintResult>> CONSTRAINTS = new TypeReference<>() {};

  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          // Deequ reports NaN for metrics over empty or constant columns.
          .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
          // Rows written by a newer lakemesh may carry fields this one does not know.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static <T> T read(String json, TypeReference<T> type) {
    try {
      return MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new ExternalServiceException(
          "the catalog database holds malformed JSON where " + type.getType() + " was expected", e);
    }
  }
}
