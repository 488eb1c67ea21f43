package io.lakemesh.spec;

import io.lakemesh.catalog.TableId;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A data product as its producer declares it in HOCON ({@code jobs/products/DOMAIN/NAME.conf}). The
 * product {@code domain.name} is owned by the producer account {@code domain}.
 *
 * @param file where the spec was read from, for error messages and for resolving relative paths
 */
public record ProductSpec(
    String domain,
    String name,
    int version,
    Owner owner,
    String description,
    Map<String, String> tags,
    Duration freshnessSla,
    ChronoUnit freshnessUnit,
    Map<String, SourceSpec> sources,
    TransformSpec transform,
    TableSpec table,
    List<ColumnSpec> schema,
    List<QualityRule> quality,
    QuarantineLimits quarantine,
    List<String> subscribers,
    String file) {

  public record Owner(String team, String contact) {}

  public ProductSpec {
    tags = Map.copyOf(tags);
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    schema = List.copyOf(schema);
    quality = List.copyOf(quality);
    subscribers = List.copyOf(subscribers);
  }

  /** The rules that set failing rows aside ({@code on-fail = quarantine}), in spec order. */
  public List<QualityRule> quarantineRules() {
    return quality.stream().filter(QualityRule::quarantines).toList();
  }

  /** {@code domain.name}, how users and lineage name the product. */
  public String id() {
    return domain + "." + name;
  }

  /** The account that owns the product: the domain's producer account. */
  public String account() {
    return domain;
  }

  public TableId tableId() {
    return TableId.of(account(), table.database(), table.name());
  }
}
