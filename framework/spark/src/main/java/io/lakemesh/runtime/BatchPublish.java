package io.lakemesh.runtime;

import static io.lakemesh.runtime.ProducerJob.crashPoint;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.lineage.LineageEmitter;
import io.lakemesh.lineage.LineageEvents;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.quality.Verification;
import io.lakemesh.spec.ProductSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The end of a run, once its batch is on main: the quality gate's record, the catalog entry, the
 * subscribers' links and the lineage event. A batch that a crashed run left on main, or that is
 * published already, ends here too, so a re-run converges on the same catalog.
 */
final class BatchPublish {
  private final LakemeshConfig config;
  private final GovernanceCatalog catalog;
  private final Publisher publisher;

  BatchPublish(LakemeshConfig config, GovernanceCatalog catalog, Publisher publisher) {
    this.config = config;
    this.catalog = catalog;
    this.publisher = publisher;
  }

  /** The batch is on main already (a crash after the fast-forward): finish its publish only. */
  RunReport converge(
      ProductSpec spec,
      SparkSession spark,
      ObservedMetrics observed,
      IcebergTables tables,
      Table table,
      Snapshot committed,
      RunState state,
      List<SourceReader.ReadSource> sources,
      Optional<QuarantineStage> quarantine,
      String batchKey) {
    String published =
        catalog
            .findTable(spec.tableId())
            .flatMap(t -> t.parameter(TableParameters.SNAPSHOT_ID))
            .orElse(null);
    state.stagedSnapshot = committed.snapshotId();
    if (PublishedBatch.isPublished(table, committed, published)) {
      return unchanged(spec, state, committed, published);
    }
    state.progress.note(
        "snapshot "
            + committed.snapshotId()
            + " is on main but not in the catalog: completing its publish");
    if (quarantine.isPresent() && quarantine.get().complete(batchKey)) {
      state.progress.note("published the rows its run set aside in " + quarantine.get().name());
    }
    state.quarantine = quarantine.flatMap(q -> q.committedReport(batchKey)).orElse(null);
    Dataset<Row> current =
        spark.read().option("snapshot-id", committed.snapshotId()).table(tables.name());
    StagedQuality quality =
        new StagedQuality(
            spark,
            observed,
            tables.name(),
            spec.table().mode(),
            spec.table().keys(),
            ImplicitRules.withContract(spec),
            catalog.qualityHistory(spec.tableId(), 30));
    QualityResult result =
        state.progress.stage(
            "quality gate",
            () ->
                gate(
                    state,
                    () ->
                        quality.verifyFully(
                            tables.load(), current, committed.snapshotId(), Instant.now())));
    publish(spec, tables, committed, result, state, sources);
    return state.report(
        JobRun.Status.PUBLISHED, "completed the publish of snapshot " + committed.snapshotId());
  }

  /** The batch is published already: only links a run cut short after its publish left undone. */
  RunReport unchanged(ProductSpec spec, RunState state, Snapshot committed, String published) {
    state.stagedSnapshot = committed.snapshotId();
    state.publishedSnapshot =
        published == null ? committed.snapshotId() : Long.parseLong(published);
    if (published != null) {
      publisher.ensureLinks(spec).forEach(state.progress::note);
    }
    return state.report(
        JobRun.Status.UNCHANGED,
        "inputs unchanged since run "
            + committed.summary().get(IcebergTables.RUN_ID)
            + " (snapshot "
            + committed.snapshotId()
            + "); nothing to do");
  }

  static QualityResult gate(RunState state, Supplier<Verification> verify) {
    Verification verification = verify.get();
    QualityResult result = verification.result();
    state.constraints = result.constraints();
    state.quality = result.outcome().name();
    if (!verification.passed().isEmpty()) {
      state.progress.note(
          "quality gate measured in a pass over the table: "
              + String.join(", ", verification.explainedPasses()));
    }
    return result;
  }

  void publish(
      ProductSpec spec,
      IcebergTables tables,
      Snapshot snapshot,
      QualityResult quality,
      RunState state,
      List<SourceReader.ReadSource> sources) {
    Table table = tables.load();
    long rows = SnapshotRows.of(snapshot);
    state.outputRows = rows;
    state.publishedSnapshot = snapshot.snapshotId();
    state.progress.note(
        "table "
            + spec.tableId()
            + ": "
            + Plural.of(rows, "row")
            + " in snapshot "
            + snapshot.snapshotId());
    Instant at = Instant.now();
    QualityRun qualityRun = state.qualityRun(spec.tableId(), quality);
    List<LineageEvents.Dataset> inputs =
        sources.stream()
            .map(s -> new LineageEvents.Dataset(s.input().namespace(), s.input().name()))
            .toList();
    LineageEvents.Dataset output =
        LineageEvents.tableDataset(spec.account(), spec.tableId().qualifiedName());
    LineageEvent lineage =
        new LineageEvents()
            .complete(
                spec,
                state.runId,
                at,
                inputs,
                new LineageEvents.Output(output, snapshot.snapshotId(), rows),
                quality.metrics(),
                quality.constraints());
    CatalogTable entry =
        CatalogEntries.of(
            spec, table, snapshot, state.runId, at, quality, inputs, state.quarantine);
    RunReport report =
        state.report(JobRun.Status.PUBLISHED, "published snapshot " + snapshot.snapshotId());
    List<String> notes =
        state.progress.stage(
            "catalog",
            () ->
                publisher.publish(
                    spec,
                    new Publication(
                        entry,
                        qualityRun,
                        lineage,
                        state.jobRun(JobRun.Status.PUBLISHED, report))));
    notes.forEach(state.progress::note);
    crashPoint("catalog");
    state.progress.stage("links", () -> publisher.ensureLinks(spec)).forEach(state.progress::note);
    crashPoint("links");
    emit(lineage, state.progress);
    crashPoint("lineage");
    new QualityStates(table).keepOnly(snapshot.snapshotId());
  }

  private void emit(LineageEvent lineage, Progress progress) {
    try {
      LineageEmitter.from(config.lineage()).ifPresent(e -> e.emit(lineage.document()));
    } catch (RuntimeException e) {
      progress.note(
          "warning: lineage event not emitted ("
              + e.getMessage()
              + "); it is stored in the catalog");
    }
  }
}
