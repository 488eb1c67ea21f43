package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.TableSearch;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A data product as discovery shows it to anyone in scope: the product-level facts a producer
 * publishes for consumers to choose by (owner, description, tags, schema, SLA, quality) and its
 * {@link Freshness} against the SLA, which the catalog computes from the run records. Storage
 * location, partitioning, snapshots, row counts, run ids and lineage stay behind DESCRIBE.
 *
 * @param catalog the catalog holding the product's entry in this topology
 */
public record ProductListing(
    TableId table,
    String product,
    String domain,
    int majorVersion,
    String owner,
    String ownerTeam,
    String ownerContact,
    String description,
    Map<String, String> tags,
    String freshnessSla,
    String qualityStatus,
    String qualitySummary,
    Freshness freshness,
    List<Column> columns,
    Instant updatedAt,
    String catalog) {

  public ProductListing {
    // In key order, so listings print and serialise the same way every time.
    tags = Collections.unmodifiableSortedMap(new TreeMap<>(tags));
    columns = List.copyOf(columns);
  }

  static ProductListing of(
      CatalogTable t, Map<String, String> tags, Freshness freshness, String holder) {
    return new ProductListing(
        t.id(),
        TableSearch.productOf(t),
        TableSearch.domainOf(t),
        majorVersion(t),
        t.id().catalog(),
        t.parameter(TableParameters.OWNER_TEAM).orElse(""),
        t.parameter(TableParameters.OWNER_CONTACT).orElse(""),
        t.parameter(TableParameters.DESCRIPTION).orElse(""),
        tags,
        t.parameter(TableParameters.SLA_FRESHNESS).orElse(""),
        t.parameter(TableParameters.QUALITY_STATUS).orElse(""),
        t.parameter(TableParameters.QUALITY_SUMMARY).orElse(""),
        freshness,
        t.columns(),
        t.updatedAt(),
        holder);
  }

  /** The table's major version; 1 where it names none or none that reads as a number. */
  static int majorVersion(CatalogTable t) {
    try {
      return Integer.parseInt(t.parameter(TableParameters.MAJOR_VERSION).orElse("1").trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
