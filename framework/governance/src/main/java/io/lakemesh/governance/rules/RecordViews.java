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
 * DESCRIBE is. The records of a table not published yet (a first run that failed its gate) are its
 * producer's and its governor's alone. What a principal sees of each record is cut by {@link
 * RecordRedaction}: a lineage event that touches a table it may describe is shown with the rest
 * hidden.
 */
final class RecordViews {
  // Lists are filtered after reading, so a short answer may need a longer read; this bounds it.
  private static final int MAX_READ = 100_000;

  private final Context ctx;
  private final AccessChecks access;
  private final RecordRedaction redaction;

  RecordViews(Context ctx, AccessChecks access) {
    this.ctx = ctx;
    this.access = access;
    this.redaction = access.redaction();
  }

  /** The databases of one catalog (of all when null) in which the principal holds anything. */
  List<DatabaseId> listDatabases(Principal actor, String catalog) {
    access.requireKnown(actor);
    return catalog().listDatabases(catalog).stream()
        .filter(db -> ctx.entitlements().holdsAnythingIn(actor, db))
        .toList();
  }

  /**
   * The tables of one catalog (of all when null) that the principal may describe, as it sees them.
   */
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
      Sight sight = redaction.sightOf(actor, table.get());
      return catalog().qualityHistory(table.get(), limit).stream()
          .map(run -> redaction.qualityRun(sight, run))
          .toList();
    }
    return producerOrGovernor(actor, name.catalog())
        ? catalog().qualityHistory(name, limit)
        : List.of();
  }

  Optional<JobRun> findJobRun(Principal actor, String runId) {
    access.requireKnown(actor);
    return catalog()
        .findJobRun(runId)
        .filter(r -> visible(actor, r))
        .map(r -> redaction.jobRun(actor, r));
  }

  List<JobRun> listJobRuns(Principal actor, String product, int limit) {
    access.requireKnown(actor);
    return firstVisible(n -> catalog().listJobRuns(product, n), r -> visible(actor, r), limit)
        .stream()
        .map(r -> redaction.jobRun(actor, r))
        .toList();
  }

  /**
   * Lineage events of a dataset that the principal may see: those of runs it may see, and those
   * reading or writing a product table it may describe, with what it may not describe hidden.
   */
  List<LineageEvent> lineage(Principal actor, String dataset, int limit) {
    access.requireKnown(actor);
    return firstVisible(
            n -> catalog().lineage(dataset, n),
            e -> redaction.visible(actor, e, runVisible(actor, e)),
            limit)
        .stream()
        .map(e -> redaction.lineageEvent(actor, e, runVisible(actor, e)))
        .toList();
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
    return columns.isEmpty()
        ? Optional.empty()
        : Optional.of(redaction.table(actor, table, columns));
  }

  private boolean visible(Principal actor, JobRun run) {
    return producerOrGovernor(actor, run.account())
        || (run.table() != null && redaction.describable(actor, run.table()));
  }

  /** True when the principal may see the run of the event, or describe a table it writes. */
  private boolean runVisible(Principal actor, LineageEvent event) {
    return catalog().findJobRun(event.runId()).filter(r -> visible(actor, r)).isPresent()
        || event.outputs().stream()
            .flatMap(o -> LineageEvent.tableOf(o).stream())
            .anyMatch(t -> redaction.describable(actor, t));
  }

  private boolean producerOrGovernor(Principal actor, String producer) {
    return redaction.ownerOrGovernor(actor, producer);
  }

  private GovernanceCatalog catalog() {
    return ctx.store().catalog();
  }

  /** The first {@code limit} visible items of a newest-first list, read in growing windows. */
  private static <T> List<T> firstVisible(
      IntFunction<List<T>> newest, Predicate<T> visible, int limit) {
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
