package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.Durations;
import io.lakemesh.lineage.LineageEvents;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.spec.ProductSpec;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;

/** The catalog entry of a published product, with its facts in Glue-style table parameters. */
final class CatalogEntries {
  private CatalogEntries() {}

  static CatalogTable of(
      ProductSpec spec,
      Table table,
      Snapshot snapshot,
      String runId,
      Instant at,
      QualityResult quality,
      List<LineageEvents.Dataset> inputs,
      QuarantineReport quarantine) {
    List<Column> columns =
        spec.schema().stream()
            .map(c -> new Column(c.name(), c.type(), c.nullable(), c.description(), c.pii()))
            .toList();
    Map<String, String> p = new LinkedHashMap<>();
    p.put(TableParameters.PRODUCT, spec.id());
    p.put(TableParameters.MAJOR_VERSION, Integer.toString(spec.version()));
    p.put(TableParameters.OWNER_TEAM, spec.owner().team());
    p.put(TableParameters.OWNER_CONTACT, spec.owner().contact());
    p.put(TableParameters.DESCRIPTION, spec.description());
    spec.tags().forEach((k, v) -> p.put(TableParameters.TAG_PREFIX + k, v == null ? "" : v));
    // In the unit the spec wrote it (24h, 2d), which the catalog's freshness reads as it reads
    // PT24H.
    p.put(
        TableParameters.SLA_FRESHNESS, Durations.format(spec.freshnessSla(), spec.freshnessUnit()));
    p.put(TableParameters.SNAPSHOT_ID, Long.toString(snapshot.snapshotId()));
    p.put(TableParameters.ROW_COUNT, Long.toString(SnapshotRows.of(snapshot)));
    p.put(TableParameters.RUN_ID, runId);
    p.put(TableParameters.PUBLISHED_AT, at.toString());
    p.put(TableParameters.QUALITY_STATUS, quality.outcome().name());
    p.put(TableParameters.QUALITY_SUMMARY, summary(quality.constraints()));
    p.put(
        TableParameters.LINEAGE_INPUTS,
        String.join(",", inputs.stream().map(LineageEvents.Dataset::qualified).toList()));
    p.put(TableParameters.WRITE_MODE, spec.table().mode().name().toLowerCase(Locale.ROOT));
    if (quarantine != null) {
      p.putAll(quarantine.parameters(spec.quarantine()));
    }
    return new CatalogTable(
        spec.tableId(),
        columns,
        table.location(),
        "iceberg",
        spec.table().partitioning(),
        p,
        0,
        at);
  }

  static String summary(List<ConstraintResult> constraints) {
    long failed = constraints.stream().filter(ConstraintResult::blocking).count();
    long warned =
        constraints.stream()
            .filter(c -> c.status() == ConstraintResult.Status.FAILURE && !c.blocking())
            .count();
    return String.format(
        "%d rules: %d passed, %d failed, %d warnings",
        constraints.size(), constraints.size() - failed - warned, failed, warned);
  }
}
