package io.lakemesh.runtime;

import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.lineage.LineageEvents;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.quality.ReflectionWarmUp;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.TableSpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of a producer job: read, transform, check the contract, write to an audit branch, gate on
 * quality, then fast-forward main and publish to the catalog. Every step converges when the job is
 * re-run after a crash: a batch already on main is recognised by its batch key and only its publish
 * is completed.
 */
public final class ProducerJob {
  /**
   * Test hook: halt the JVM right after the named stage, as a crash would. The stages, in order:
   * {@code read}, {@code transform}, {@code audit-write}, {@code gate}, {@code fast-forward},
   * {@code catalog}, {@code links}, {@code lineage}, {@code run-record}.
   */
  public static final String CRASH_AFTER = "lakemesh.crash-after";

  private final LakemeshConfig config;
  private final GovernanceCatalog catalog;
  private final Supplier<SparkSession> base;
  private final PrintStream progressOut;
  private Publisher publisher;
  private ProductInputs inputs;

  private final InputsCheck inputsCheck;

  public ProducerJob(
      LakemeshConfig config,
      GovernanceCatalog catalog,
      SparkSession base,
      PrintStream progressOut) {
    this(config, catalog, () -> base, progressOut);
  }

  /**
   * A job that asks {@code base} for Spark only when a run needs it: a run whose batch is published
   * already is recognised without a session.
   */
  public ProducerJob(
      LakemeshConfig config,
      GovernanceCatalog catalog,
      Supplier<SparkSession> base,
      PrintStream progressOut) {
    this.config = config;
    this.catalog = catalog;
    this.base = base;
    this.progressOut = progressOut;
    this.publisher =
        (spec, publication) -> {
          catalog.publish(publication);
          return List.of();
        };
    this.inputs = new ProductInputs.Direct(catalog);
    this.inputsCheck = new InputsCheck(config, catalog, () -> this.inputs);
  }

  /** Reads other products through {@code inputs} instead of straight from their tables. */
  public ProducerJob readingWith(ProductInputs inputs) {
    this.inputs = inputs;
    return this;
  }

  /** Publishes through {@code publisher} instead of straight into the catalog. */
  public ProducerJob publishingWith(Publisher publisher) {
    this.publisher = publisher;
    return this;
  }

  /**
   * Options of one run: an explicit run id, source paths that replace the spec's, and quarantined
   * rows to re-submit instead of the sources (null: a normal run).
   */
  public record Options(String runId, Map<String, String> sourcePaths, QuarantineRelease release) {
    public Options(String runId, Map<String, String> sourcePaths) {
      this(runId, sourcePaths, null);
    }

    public static Options defaults() {
      return new Options(null, Map.of());
    }
  }

  public RunReport run(ProductSpec declared, Options options) {
    ProductSpec spec = ProductSources.withPaths(declared, options.sourcePaths());
    String runId = options.runId() != null ? RunIds.check(options.runId()) : RunIds.next();
    Instant started = Instant.now();
    Progress progress = new Progress(spec.id(), progressOut);
    RunState state = new RunState(spec, runId, started, progress);
    publisher.check(spec);
    RunRecords records = new RunRecords(catalog, state);
    records.start();
    try {
      RunReport report =
          recognise(spec, state, options.release())
              .orElseGet(() -> executeOnSpark(spec, state, options.release()));
      records.finish(report);
      crashPoint("run-record");
      return report;
    } catch (RuntimeException e) {
      records.fail(e);
      throw e;
    }
  }

  /**
   * Before Spark starts: checks the spec against the published schema and reads the transform (so
   * that these fail at once), then recognises a batch published already. Empty: Spark must run.
   */
  private Optional<RunReport> recognise(
      ProductSpec spec, RunState state, QuarantineRelease release) {
    state.table = spec.tableId().toString();
    catalog
        .findTable(spec.tableId())
        .ifPresent(published -> SchemaEvolution.check(published, spec));
    if (release != null) {
      return Optional.empty(); // the released rows are the batch; only Spark reads them
    }
    String code = TransformCode.of(spec, InputsCheck.specDir(spec));
    return state
        .progress
        .stage("check inputs", () -> inputsCheck.now(spec, code).found())
        .map(
            found -> {
              state.previousSnapshot = found.mainSnapshot();
              found
                  .droppedBranches()
                  .forEach(b -> state.progress.note("dropped stale audit branch " + b));
              return publishing()
                  .unchanged(spec, state, found.committed(), found.catalogSnapshot());
            });
  }

  /**
   * What a run would find before Spark starts, told as the run tells it (stale audit branches are
   * dropped, as the run drops them first): a launcher decides from it how to start the run's JVM.
   */
  public RunOutlook outlook(ProductSpec declared, Options options) {
    ProductSpec spec = ProductSources.withPaths(declared, options.sourcePaths());
    if (options.release() != null) {
      return new RunOutlook(false, OptionalLong.empty());
    }
    PublishedBatch.Lookup lookup = inputsCheck.ahead(spec);
    return new RunOutlook(lookup.found().isPresent(), lookup.bytesToRead());
  }

  private RunReport executeOnSpark(ProductSpec spec, RunState state, QuarantineRelease release) {
    Set<String> accounts = ProductSources.accounts(spec);
    ReflectionWarmUp.start();
    SparkSession spark =
        SparkSessions.withSettings(
            SparkSessions.forAccounts(base.get(), config.warehouse(), accounts), config.spark());
    try (ObservedMetrics observed = new ObservedMetrics(spark)) {
      return execute(spec, spark, observed, state, release);
    } finally {
      SparkSessions.closeCatalogs(spark, accounts);
    }
  }

  private RunReport execute(
      ProductSpec spec,
      SparkSession spark,
      ObservedMetrics observed,
      RunState state,
      QuarantineRelease release) {
    Progress progress = state.progress;
    TableId tableId = spec.tableId();
    String tableName =
        Warehouse.sparkCatalog(spec.account())
            + "."
            + spec.table().database()
            + "."
            + spec.table().name();
    IcebergTables tables = new IcebergTables(spark, tableName);
    Table table = progress.stage("prepare table", () -> tables.ensure(spec));
    Optional<QuarantineStage> quarantine = QuarantineStage.of(spec, spark, tableName, observed);
    quarantine.ifPresent(q -> progress.stage("prepare quarantine table", q::prepare));
    if (release != null && quarantine.isEmpty()) {
      throw new InvalidConfigException(
          "quality.rules",
          spec.id()
              + " has no rule with on-fail = quarantine,"
              + " so it has no quarantined rows to release");
    }
    state.previousSnapshot =
        table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    tables
        .dropStaleAuditBranches(table)
        .forEach(b -> progress.note("dropped stale audit branch " + b));

    SourceReader reader =
        new SourceReader(
            spark, observed, (name, product) -> readProduct(spark, spec, name, product));
    Path specDir = Path.of(spec.file()).toAbsolutePath().getParent();
    List<SourceReader.ReadSource> sources =
        release != null
            ? List.of()
            : progress.stage(
                "read sources",
                () -> {
                  List<SourceReader.ReadSource> read = new ArrayList<>();
                  spec.sources().values().forEach(s -> read.add(reader.read(s, specDir)));
                  return read;
                });
    crashPoint("read");
    String code =
        release == null
            ? TransformCode.of(spec, specDir)
            : release.describe(quarantine.get().mainSnapshot());
    String batchKey = BatchKeys.of(spec, code, SourceReader.fingerprints(sources));
    Snapshot committed = tables.committedBatch(table, batchKey).orElse(null);
    if (committed != null) {
      return publishing()
          .converge(
              spec,
              spark,
              observed,
              tables,
              table,
              committed,
              state,
              sources,
              quarantine,
              batchKey);
    }
    quarantine.ifPresent(
        q ->
            q.dropStaleBranches()
                .forEach(b -> progress.note("dropped stale quarantine branch " + b)));

    TableSpec target = release == null ? spec.table() : QuarantineRelease.target(spec.table());
    StagedQuality quality =
        new StagedQuality(
            spark,
            observed,
            tableName,
            target.mode(),
            target.keys(),
            ImplicitRules.withContract(spec),
            catalog.qualityHistory(tableId, 30));
    Dataset<Row> conformed =
        progress.stage(
            "transform",
            () ->
                SchemaContract.conform(
                    release == null
                        ? TransformStep.apply(spec, spark, sources, code, specDir)
                        : release.rows(spark, quarantine.get().tableName(), spec),
                    spec));
    crashPoint("transform");
    String branch = IcebergTables.AUDIT_PREFIX + state.runId.replaceAll("[^A-Za-z0-9_]", "_");
    state.auditBranch = branch;
    Map<String, String> properties =
        new LinkedHashMap<>(
            Map.of(IcebergTables.BATCH_KEY, batchKey, IcebergTables.RUN_ID, state.runId));
    Dataset<Row> batch = quarantine.isPresent() ? quarantine.get().clean(conformed) : conformed;
    Dataset<Row> output = quality.observe(batch, state.previousSnapshot != null);
    tables.createAuditBranch(table, branch);
    progress.stage(
        "write audit branch",
        () ->
            Errors.write(
                sources,
                () ->
                    new AuditWriter(spark, writeTasks(spark, batch, sources))
                        .write(output, tableName, target, branch, properties)));
    if (quarantine.isPresent()) {
      QuarantineReport counted = quarantine.get().report();
      state.quarantine = counted;
      if (release == null && counted.exceeds(spec.quarantine())) {
        tables.dropBranch(tables.load(), branch);
        state.auditBranch = null;
        QualityResult refused = counted.rejection(spec.quarantine());
        state.constraints = refused.constraints();
        state.quality = refused.outcome().name();
        catalog.recordQualityRun(state.qualityRun(tableId, refused));
        return state.report(JobRun.Status.REJECTED, counted.refusal(spec.quarantine(), spec.id()));
      }
      progress.stage(
          "write quarantine",
          () ->
              Errors.write(
                  sources, () -> quarantine.get().stage(counted, state.runId, branch, properties)));
      crashPoint("quarantine-write");
      if (release != null) {
        progress.stage(
            "remove released rows", () -> quarantine.get().remove(release, branch, state.runId));
      }
    }
    crashPoint("audit-write");
    for (SourceReader.ReadSource s : sources) {
      long rows = reader.verify(s);
      state.sourceRows.put(s.spec().name(), rows);
      progress.note(
          "source " + s.spec().name() + ": " + Plural.of(rows, "row") + " staged on " + branch);
    }
    state.stagedSnapshot = tables.branchHead(table, branch).orElse(state.previousSnapshot);
    Dataset<Row> staged = spark.read().option("branch", branch).table(tableName);
    QualityResult result =
        progress.stage(
            "quality gate",
            () ->
                BatchPublish.gate(
                    state,
                    () ->
                        quality.verify(
                            tables.load(),
                            staged,
                            state.previousSnapshot,
                            state.stagedSnapshot,
                            Instant.now())));
    crashPoint("gate");
    if (result.outcome() == QualityRun.Outcome.FAILED) {
      catalog.recordQualityRun(state.qualityRun(tableId, result));
      return state.report(
          JobRun.Status.REJECTED,
          "quality gate failed: "
              + result.failures()
              + "; nothing was published (staged data kept on branch "
              + branch
              + " until the next run)");
    }
    progress.stage("publish", () -> tables.fastForward(table, branch));
    crashPoint("fast-forward");
    if (quarantine.isPresent()) {
      progress.stage("publish quarantine", () -> quarantine.get().publish(branch));
      crashPoint("quarantine-publish");
    }
    Snapshot published = tables.load().snapshot(state.stagedSnapshot);
    publishing().publish(spec, tables, published, result, state, sources);
    tables.dropBranch(tables.load(), branch);
    state.auditBranch = null;
    return state.report(JobRun.Status.PUBLISHED, "published snapshot " + state.publishedSnapshot);
  }

  /** How the write of {@code batch}, read from {@code sources}, is spread over tasks. */
  private static WriteTasks writeTasks(
      SparkSession spark, Dataset<Row> batch, List<SourceReader.ReadSource> sources) {
    return WriteTasks.plan(
        WriteTasks.readTasks(batch),
        sources.stream().map(SourceReader.ReadSource::bytes).toList(),
        spark.sparkContext().defaultParallelism());
  }

  private BatchPublish publishing() {
    return new BatchPublish(config, catalog, publisher);
  }

  private SourceReader.ProductRead readProduct(
      SparkSession spark, ProductSpec spec, String source, String product) {
    TableId id = ProductSources.productId(source, product);
    ProductInputs.Input input = inputs.open(spark, spec, source, id);
    LineageEvents.Dataset ds = LineageEvents.tableDataset(id.catalog(), id.qualifiedName());
    return new SourceReader.ProductRead(
        input.data(),
        new InputDataset(
            source, ds.namespace(), ds.name(), ProductSources.fingerprint(input.table())));
  }

  static void crashPoint(String stage) {
    if (stage.equals(System.getProperty(CRASH_AFTER))) {
      System.err.println("crashing after " + stage + " (" + CRASH_AFTER + ")");
      Runtime.getRuntime().halt(137);
    }
  }
}
