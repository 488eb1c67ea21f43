package io.lakemesh.quality;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.runtime.Json;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The rows the run behind a product's current version set aside, as its catalog entry records them
 * ({@link TableParameters#QUARANTINE_ROWS}, {@link TableParameters#QUARANTINE_RULES}): counts,
 * never a value, so every reader who may describe the product sees them (the entry it reads already
 * counts rules on columns hidden from it as "hidden rule").
 *
 * @param rows rows set aside
 * @param byRule rows per rule broken
 */
public record QuarantineCounts(long rows, SortedMap<String, Long> byRule) {
  public QuarantineCounts {
    byRule = Collections.unmodifiableSortedMap(new TreeMap<>(byRule));
  }

  /** The counts of the entry; empty when its run quarantined nothing or had no quarantine rule. */
  public static Optional<QuarantineCounts> of(CatalogTable entry) {
    Optional<String> rows = entry.parameter(TableParameters.QUARANTINE_ROWS);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Long> byRule =
        entry
            .parameter(TableParameters.QUARANTINE_RULES)
            .map(QuarantineCounts::parse)
            .orElse(Map.of());
    return Optional.of(
        new QuarantineCounts(Long.parseLong(rows.get().strip()), new TreeMap<>(byRule)));
  }

  private static Map<String, Long> parse(String json) {
    try {
      return Json.MAPPER.readValue(json, new TypeReference<Map<String, Long>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "parameter "
              + TableParameters.QUARANTINE_RULES
              + " is not a JSON object of counts: "
              + json,
          e);
    }
  }

  /** {@code quarantined: 3 rows (not_null(customer_id): 2, range(amount): 1)}. */
  public String line() {
    return "quarantined: "
        + rows
        + (rows == 1 ? " row" : " rows")
        + (byRule.isEmpty()
            ? ""
            : byRule.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")")));
  }
}
