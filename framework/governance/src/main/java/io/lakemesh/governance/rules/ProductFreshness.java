package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.catalog.TableSearch;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The freshness of a catalogued product: when it was last checked (its newest PUBLISHED or
 * UNCHANGED run, as stamped on its status, else from its run records), last changed (its last
 * publish), and the breach the freshness monitor recorded, if any. Only times leave here, never a
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
   * The freshness of each of {@code tables} (a page of discovery), keyed by table: their statuses
   * are read for the page at once, and the run records only of products whose last check was never
   * stamped on their status (stamped before the catalog kept one: {@link
   * io.lakemesh.catalog.GovernanceCatalog#recentJobRuns} reads those for the page at once).
   */
  Map<TableId, Freshness> of(List<CatalogTable> tables) {
    Map<TableId, ProductStatus> statuses =
        ctx.store().productStatuses(tables.stream().map(CatalogTable::id).toList());
    List<String> unstamped =
        tables.stream()
            .filter(t -> statuses.get(t.id()) == null || statuses.get(t.id()).lastChecked() == null)
            .map(TableSearch::productOf)
            .distinct()
            .toList();
    Map<String, List<JobRun>> runs =
        unstamped.isEmpty() ? Map.of() : ctx.store().catalog().recentJobRuns(unstamped, RUNS_READ);
    Map<TableId, Freshness> out = new HashMap<>();
    for (CatalogTable table : tables) {
      ProductStatus status = statuses.getOrDefault(table.id(), ProductStatus.unknown(table.id()));
      Optional<Instant> checked =
          Optional.ofNullable(status.lastChecked())
              .or(
                  () ->
                      lastCheck(table, runs.getOrDefault(TableSearch.productOf(table), List.of())));
      out.put(
          table.id(),
          Freshness.of(
                  table.parameter(TableParameters.SLA_FRESHNESS).orElse(""),
                  checked.orElse(null),
                  lastChange(table),
                  ctx.now())
              .withBreach(status.breached() ? status.slaSince() : null));
    }
    return out;
  }

  private static Optional<Instant> lastCheck(CatalogTable table, List<JobRun> newestFirst) {
    return newestFirst.stream()
        .filter(r -> table.id().equals(r.table()))
        .filter(ProductFreshness::checks)
        .map(ProductFreshness::checkedAt)
        .findFirst();
  }

  /** True for a run that published or found its inputs unchanged: it checked the product. */
  static boolean checks(JobRun run) {
    return run.status() == JobRun.Status.PUBLISHED || run.status() == JobRun.Status.UNCHANGED;
  }

  /** When a run checked its product: its end, or its start where no end is recorded. */
  static Instant checkedAt(JobRun run) {
    return run.endedAt() != null ? run.endedAt() : run.startedAt();
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
