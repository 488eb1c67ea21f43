package io.lakemesh.governance.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.ColumnMentions;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one rule for what a reader sees of a record (DESIGN.md, invariants of enforcement 2): no name
 * or value of a column the reader may not describe, no value of a PII column to anyone but the
 * owning producer and the governance account holding its entries, and no dataset the reader may not
 * describe, which is shown as {@value #HIDDEN_DATASET} rather than left out. The owner and the
 * governor see every record whole. Every read of quality runs, run records and lineage events goes
 * through here (in process, on the catalog server, and so in the CLI and the UI), and so does every
 * table entry shown (describe, the SELECT check's answer, versions, the table list).
 *
 * <p>Quality runs: a metric on a column the reader may not see, or on a rule that names one, is
 * removed (a chart of it would tell nothing else); so is a metric that is a value of a PII column
 * (its minimum, maximum, sum or mean), or of a column the reader sees on some rows only (through a
 * data filter's row filter), since it summarises rows the reader may not read. A constraint result
 * that names a column the reader may not see is kept, so that the run's outcome still reads, but
 * shown as {@value QualityRedaction#HIDDEN_RULE} with its severity and status only; one on a PII
 * column keeps its rule and status without its message and measure. Failure examples are never
 * shown to others, and a message stored before examples were kept apart loses its example ({@link
 * QualityRedaction} applies these rules).
 *
 * <p>Run records: the message and the report (its message and constraint results) are redacted as
 * above. Lineage events: a dataset the reader may not describe (another account's table, the
 * producer's source files) reads {@value #HIDDEN_DATASET}, the job of a run it may not see {@value
 * #HIDDEN_JOB}, and the OpenLineage document keeps the event, run, job and dataset names only,
 * without facets (schemas, column lineage, quality assertions and statistics).
 */
final class RecordRedaction {
  static final String HIDDEN_DATASET = "hidden dataset";
  static final String HIDDEN_JOB = "hidden job";
  static final String HIDDEN_COLUMN = "hidden column";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Context ctx;

  RecordRedaction(Context ctx) {
    this.ctx = ctx;
  }

  /** What the reader may see of the table's records; nothing of a table not in the catalog. */
  Sight sightOf(Principal reader, TableId table) {
    if (ownerOrGovernor(reader, table.catalog())) {
      return Sight.WHOLE;
    }
    return ctx.store()
        .catalog()
        .findTable(table)
        .map(t -> sight(ctx.entitlements().describableCells(reader, t), t))
        .orElse(Sight.NOTHING);
  }

  private static Sight sight(Cells cells, CatalogTable table) {
    List<Column> visible = cells.visible(table);
    Set<String> someRows =
        visible.stream()
            .map(Column::name)
            .filter(c -> !cells.unfiltered().contains(c))
            .filter(c -> cells.filters().stream().noneMatch(f -> f.shows(c) && f.allRows()))
            .collect(Collectors.toSet());
    return Sight.partial(table, visible, someRows);
  }

  /** True when the reader sees the records of the account's data whole. */
  boolean ownerOrGovernor(Principal reader, String account) {
    Standing standing = ctx.standing(reader, account);
    return standing == Standing.OWNER || standing == Standing.GOVERNOR;
  }

  /** True when the reader may describe the table (sees at least one of its columns). */
  boolean describable(Principal reader, TableId id) {
    return ctx.store().catalog().findTable(id).filter(t -> describable(reader, t)).isPresent();
  }

  private boolean describable(Principal reader, CatalogTable table) {
    return !ctx.entitlements().describable(reader, table).isEmpty();
  }

  // ---- mesh events

  /**
   * An event of the stream as a subscriber receives it: events carry no value of the data, so only
   * the names of the table's columns the reader may not see are hidden.
   */
  MeshEvent event(Principal reader, CatalogTable table, MeshEvent event) {
    if (ownerOrGovernor(reader, table.id().catalog())) {
      return event;
    }
    Set<String> visible =
        ctx.entitlements().describable(reader, table).stream()
            .map(Column::name)
            .collect(Collectors.toSet());
    Map<String, String> data = new TreeMap<>();
    event
        .data()
        .forEach(
            (key, text) -> {
              String shown = text;
              for (Column c : table.columns()) {
                if (!visible.contains(c.name())) {
                  shown = ColumnMentions.replace(shown, c.name(), HIDDEN_COLUMN);
                }
              }
              data.put(key, shown);
            });
    // A column the version before had and this one dropped may have been one the reader could not
    // see; whether it was is not known any more, so to a reader who does not see the whole table
    // its name is hidden.
    if (visible.size() < table.columns().size()) {
      data.computeIfPresent(
          "removed",
          (key, names) ->
              Arrays.stream(names.split(", "))
                  .map(n -> visible.contains(n) ? n : HIDDEN_COLUMN)
                  .collect(Collectors.joining(", ")));
    }
    return new MeshEvent(
        event.seq(), event.id(), event.kind(), event.table(), event.account(), event.at(), data);
  }

  // ---- table entries

  /**
   * A table entry as the reader sees it: the columns it may see ({@code visible}); to others than
   * the owner and the governor, partition transforms on hidden columns read {@value #HIDDEN_COLUMN}
   * and the lineage inputs it may not describe {@value #HIDDEN_DATASET}.
   */
  CatalogTable table(Principal reader, CatalogTable table, List<Column> visible) {
    if (ownerOrGovernor(reader, table.id().catalog())) {
      return table.withColumns(visible);
    }
    Sight sight = Sight.partial(table, visible);
    List<String> partitioning =
        table.partitioning().stream().map(p -> sight.namesHidden(p) ? HIDDEN_COLUMN : p).toList();
    Map<String, String> parameters = new TreeMap<>(table.parameters());
    parameters.computeIfPresent(
        TableParameters.LINEAGE_INPUTS,
        (k, inputs) ->
            Arrays.stream(inputs.split(","))
                .map(d -> dataset(t -> describable(reader, t), d))
                .collect(Collectors.joining(",")));
    parameters.computeIfPresent(
        TableParameters.QUARANTINE_RULES, (k, counts) -> quarantineCounts(sight, counts));
    return table.toBuilder()
        .columns(visible)
        .partitioning(partitioning)
        .parameters(parameters)
        .build();
  }

  /**
   * The rows quarantined per rule (a JSON object rule to count) with every rule that names a column
   * the reader may not see counted under {@value QualityRedaction#HIDDEN_RULE}, as quality runs
   * show such rules.
   */
  private static String quarantineCounts(Sight sight, String counts) {
    Map<String, Long> shown = new TreeMap<>();
    try {
      JSON.readTree(counts)
          .fields()
          .forEachRemaining(
              e ->
                  shown.merge(
                      sight.namesHidden(e.getKey()) ? QualityRedaction.HIDDEN_RULE : e.getKey(),
                      e.getValue().asLong(),
                      Long::sum));
      return JSON.writeValueAsString(shown);
    } catch (JsonProcessingException e) {
      // Not the producer's JSON: show no rule rather than a text that may name one.
      return "{}";
    }
  }

  /**
   * A data filter as the reader sees it: whole to the owner and the governor; to a holder, as the
   * columns it shows of the table now, so that the names of the columns it hides never reach it.
   */
  DataFilter filter(Principal reader, DataFilter filter, CatalogTable table) {
    if (ownerOrGovernor(reader, table.id().catalog())) {
      return filter;
    }
    List<String> shown = filter.visible(table.columns()).stream().map(Column::name).toList();
    return new DataFilter(filter.table(), filter.name(), filter.rowFilter(), shown, List.of());
  }

  // ---- quality runs (see QualityRedaction)

  QualityRun qualityRun(Sight sight, QualityRun run) {
    return QualityRedaction.qualityRun(sight, run);
  }

  // ---- run records

  JobRun jobRun(Principal reader, JobRun run) {
    if (ownerOrGovernor(reader, run.account())) {
      return run;
    }
    Sight sight = run.table() == null ? Sight.NOTHING : sightOf(reader, run.table());
    return new JobRun(
        run.runId(),
        run.product(),
        run.table(),
        run.status(),
        run.startedAt(),
        run.endedAt(),
        run.snapshotId(),
        QualityRedaction.text(sight, run.message()),
        QualityRedaction.report(sight, run.report()));
  }

  // ---- lineage

  /**
   * True when the reader may see the event at all: it may see the run, or describe a table the
   * event reads or writes (the rest then reads as hidden).
   */
  boolean visible(Principal reader, LineageEvent event, boolean runVisible) {
    return runVisible
        || Stream.concat(event.inputs().stream(), event.outputs().stream())
            .flatMap(d -> LineageEvent.tableOf(d).stream())
            .anyMatch(t -> describable(reader, t));
  }

  LineageEvent lineageEvent(Principal reader, LineageEvent event, boolean runVisible) {
    return cut(reader, event, t -> describable(reader, t), runVisible);
  }

  /**
   * A lineage event as the lineage graph of a product shows it to a reader who may discover the
   * product: the product itself (its name is on its discovery card) and the datasets the reader may
   * describe are named, every other reads {@value #HIDDEN_DATASET} (the one redaction rule: no
   * dataset the reader may not describe), and the job is hidden unless the reader owns or governs
   * the run. Names only, never a facet, so no value of any column.
   */
  LineageEvent lineageShape(Principal reader, LineageEvent event, TableId product) {
    return cut(reader, event, t -> t.equals(product) || describable(reader, t), false);
  }

  private LineageEvent cut(
      Principal reader, LineageEvent event, Predicate<TableId> named, boolean runVisible) {
    // The producer whose run it is: the owner of the tables it writes, else of its run record.
    Optional<String> producer =
        event.outputs().stream()
            .flatMap(o -> LineageEvent.tableOf(o).stream())
            .map(TableId::catalog)
            .findFirst()
            .or(() -> ctx.store().catalog().findJobRun(event.runId()).map(JobRun::account));
    if (producer.isPresent() && ownerOrGovernor(reader, producer.get())) {
      return event;
    }
    List<String> inputs = event.inputs().stream().map(d -> dataset(named, d)).toList();
    List<String> outputs = event.outputs().stream().map(d -> dataset(named, d)).toList();
    String job = runVisible ? event.job() : HIDDEN_JOB;
    return new LineageEvent(
        event.runId(),
        job,
        event.eventTime(),
        inputs,
        outputs,
        document(event, job, inputs, outputs));
  }

  private static String dataset(Predicate<TableId> named, String dataset) {
    return LineageEvent.tableOf(dataset).filter(named).isPresent() ? dataset : HIDDEN_DATASET;
  }

  /** The OpenLineage document with names only: no facets, hidden datasets as such. */
  private static String document(
      LineageEvent event, String job, List<String> inputs, List<String> outputs) {
    ObjectNode d = JSON.createObjectNode();
    try {
      JsonNode original = event.document() == null ? null : JSON.readTree(event.document());
      if (original != null) {
        for (String field : List.of("eventType", "eventTime", "producer", "schemaURL")) {
          if (original.hasNonNull(field)) {
            d.set(field, original.get(field));
          }
        }
      }
    } catch (JsonProcessingException unreadable) {
      // Names alone, then.
    }
    d.putObject("run").put("runId", event.runId());
    d.putObject("job").put("name", job);
    d.set("inputs", datasets(inputs));
    d.set("outputs", datasets(outputs));
    return d.toString();
  }

  private static ArrayNode datasets(List<String> names) {
    ArrayNode array = JSON.createArrayNode();
    names.forEach(n -> array.addObject().put("name", n));
    return array;
  }
}
