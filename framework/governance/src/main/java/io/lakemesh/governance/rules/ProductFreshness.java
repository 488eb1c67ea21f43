package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableSearch;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The freshness of a catalogued product, from its run records: when it was last checked (its newest
 * PUBLISHED or UNCHANGED run) and last changed (its last publish). Only times leave here, never a
 * run's message or report, so every principal who may discover the product is shown it.
 */
final class ProductFreshness {
  // A product's newest runs hold its last check unless that many runs in a row failed or were
  // rejected; past them the product is stale whatever an older run says.
  private static final int RUNS_READ = 50;

  private final Context ctx;

  ProductFreshness(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * The freshness of each of {@code tables} (a page of discovery), keyed by table: their runs are
   * read for the page at once ({@link io.lakemesh.catalog.GovernanceCatalog#recentJobRuns}).
   */
  Map<TableId, Freshness> of(List<CatalogTable> tables) {
    Map<String, List<JobRun>> runs =
        ctx.store().catalog().recentJobRuns(
            tables.stream().map(TableSearch::productOf).distinct().toList(), RUNS_READ);
    Map<TableId, Freshness> out = new HashMap<>();
    for (CatalogTable table : tables) {
      out.put(
          table.id(),
          Freshness.of(
              table.parameter(TableParameters.SLA_FRESHNESS).orElse(""),
              lastCheck(table, runs.getOrDefault(TableSearch.productOf(table), List.of())).orElse(null),
              lastChange(table),
              ctx.now()));
    }
    return out;
  }

  private static Optional<Instant> lastCheck(CatalogTable table, List<JobRun> newestFirst) {
    return newestFirst.stream()
        .filter(r -> table.id().equals(r.table()))
        .filter(r -> r.status() == JobRun.Status.PUBLISHED || r.status() == JobRun.Status.UNCHANGED)
        .map(r -> r.endedAt() != null ? r.endedAt() : r.startedAt())
        .findFirst();
  }

  /** The last publish: the time the job recorded, else the catalog entry's last update. */
  private static Instant lastChange(CatalogTable table) {
    try {
      return table
          .parameter(TableParameters.PUBLISHED_AT)
          .map(Instant::parse)
          .orElse(table.updatedAt());
    } catch (DateTimeParseException unreadable) {
      return table.updatedAt();
    }
  }
}
