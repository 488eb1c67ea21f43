package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * The catalog's records as a principal may read them, by the rule of DESCRIBE: a table's entry,
 * versions, quality runs and lineage are shown to whoever may describe it, with the columns it may
 * see; a run record to its producer, to the governance account holding the producer's entries, and
 * to whoever may describe its table. Lists leave out what the principal may not see without
 * recording each omission; asking for one table it may not describe is refused and audited, as
 * DESCRIBE is. The records of a table not published yet (a first run that failed its gate) are
 * its producer's and its governor's alone.
 */
final class RecordViews {
  // Lists are filtered after reading, so a short answer may need a longer read; this bounds it.
  private static final int MAX_READ = 100_000;

  private final Context ctx;
  private final AccessChecks access;

  RecordViews(Context ctx, AccessChecks access) {
    this.ctx = ctx;
    this.access = access;
  }

  /** The databases of one catalog (of all when null) in which the principal holds anything. */
  List<DatabaseId> listDatabases(Principal actor, String catalog) {
    access.requireKnown(actor);
    return catalog().listDatabases(catalog).stream()
        .filter(db -> ctx.entitlements().holdsAnythingIn(actor, db))
        .toList();
  }

  /** The tables of one catalog (of all when null) that the principal may describe, as it sees them. */
  List<CatalogTable> listTables(Principal actor, String catalog) {
    access.requireKnown(actor);
    return catalog().listTables(catalog).stream()
        .map(t -> visible(actor, t))
        .flatMap(Optional::stream)
        .toList();
  }

  /** Every version of a table the principal may describe; none of a table not in the catalog. */
  List<CatalogTable> tableVersions(Principal actor, TableId name) {
    Optional<TableId> table = described(actor, name);
    return table.isEmpty()
        ? List.of()
        : catalog().tableVersions(table.get()).stream()
            .map(v -> visible(actor, v))
            .flatMap(Optional::stream)
            .toList();
  }

  /** Quality runs of a table the principal may describe, or of its own table not yet published. */
  List<QualityRun> qualityHistory(Principal actor, TableId name, int limit) {
    Optional<TableId> table = described(actor, name);
    if (table.isPresent()) {
      return catalog().qualityHistory(table.get(), limit);
    }
    return producerOrGovernor(actor, name.catalog()) ? catalog().qualityHistory(name, limit) : List.of();
  }

  Optional<JobRun> findJobRun(Principal actor, String runId) {
    return catalog().findJobRun(runId).filter(r -> visible(actor, r));
  }

  List<JobRun> listJobRuns(Principal actor, String product, int limit) {
    access.requireKnown(actor);
    return firstVisible(n -> catalog().listJobRuns(product, n), r -> visible(actor, r), limit);
  }

  /**
   * Lineage events of a dataset that the principal may see: those of runs it may see, and those
   * writing a product table it may describe.
   */
  List<LineageEvent> lineage(Principal actor, String dataset, int limit) {
    access.requireKnown(actor);
    return firstVisible(n -> catalog().lineage(dataset, n), e -> visible(actor, e), limit);
  }

  /** The table a name stands for, once DESCRIBE is checked; empty when there is no such table. */
  private Optional<TableId> described(Principal actor, TableId name) {
    try {
      return Optional.of(access.describe(actor, name).id());
    } catch (NoSuchTableException e) {
      return Optional.empty();
    }
  }

  private Optional<CatalogTable> visible(Principal actor, CatalogTable table) {
    List<Column> columns = ctx.entitlements().describable(actor, table);
    return columns.isEmpty() ? Optional.empty() : Optional.of(table.withColumns(columns));
  }

  private boolean visible(Principal actor, JobRun run) {
    return producerOrGovernor(actor, run.account())
        || (run.table() != null && describable(actor, run.table()));
  }

  private boolean visible(Principal actor, LineageEvent event) {
    return catalog().findJobRun(event.runId()).filter(r -> visible(actor, r)).isPresent()
        || event.outputs().stream()
            .flatMap(o -> LineageEvent.tableOf(o).stream())
            .anyMatch(t -> describable(actor, t));
  }

  private boolean describable(Principal actor, TableId id) {
    return catalog().findTable(id).flatMap(t -> visible(actor, t)).isPresent();
  }

  private boolean producerOrGovernor(Principal actor, String producer) {
    Standing standing = ctx.standing(actor, producer);
    return standing == Standing.OWNER || standing == Standing.GOVERNOR;
  }

  private GovernanceCatalog catalog() {
    return ctx.store().catalog();
  }

  /** The first {@code limit} visible items of a newest-first list, read in growing windows. */
  private static <T> List<T> firstVisible(IntFunction<List<T>> newest, Predicate<T> visible, int limit) {
    int window = Math.max(1, limit);
    while (true) {
      List<T> read = newest.apply(window);
      List<T> shown = read.stream().filter(visible).limit(limit).toList();
      if (shown.size() >= limit || read.size() < window || window >= MAX_READ) {
        return shown;
      }
      window = (int) Math.min(MAX_READ, 4L * window);
    }
  }
}
