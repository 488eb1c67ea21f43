package io.lakemesh.runtime;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.TableId;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.exceptions.BatchRejectedException;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.lineage.LineageEmitter;
import io.lakemesh.lineage.LineageEvents;
import io.lakemesh.quality.QualityResult;
import io.lakemesh.quality.Verification;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SourceSpec;
import io.lakemesh.spec.TableSpec;
import io.lakemesh.spec.TransformSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * One run of a producer job: read, transform, check the contract, write to an audit branch, gate
 * on quality, then fast-forward main and publish to the catalog. Every step converges when the
 * job is re-run after a crash: a batch already on main is recognised by its batch key and only
 * its publish is completed.
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
  private final SparkSession base;
  private final PrintStream progressOut;
  private Publisher publisher;
  private ProductInputs inputs;

  public ProducerJob(LakemeshConfig config, GovernanceCatalog catalog, SparkSession base, PrintStream progressOut) {
    this.config = config;
    this.catalog = catalog;
    this.base = base;
    this.progressOut = progressOut;
    this.publisher = (spec, publication) -> {
      catalog.publish(publication);
      return List.of();
    };
    this.inputs = (spark, reader, source, product) -> new ProductInputs.Input(
        spark.table(Warehouse.sparkCatalog(product.catalog()) + "." + product.qualifiedName()),
        catalog.findTable(product).orElseThrow(() -> ProductInputs.notPublished(source, product)));
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
    ProductSpec spec = withSourcePaths(declared, options.sourcePaths());
    String runId = options.runId() != null ? RunIds.check(options.runId()) : RunIds.next();
    Instant started = Instant.now();
    Progress progress = new Progress(spec.id(), progressOut);
    RunState state = new RunState(spec, runId, started, progress);
    publisher.check(spec);
    closeInterruptedRuns(spec.id());
    catalog.recordJobRun(state.jobRun(JobRun.Status.RUNNING, null));
    Set<String> accounts = accounts(spec);
    SparkSession spark = SparkSessions.withSettings(SparkSessions.forAccounts(base, config.warehouse(), accounts), config.spark());
    try (ObservedMetrics observed = new ObservedMetrics(spark)) {
      RunReport report = execute(spec, spark, observed, state, options.release());
      catalog.recordJobRun(state.jobRun(report.status(), report));
      crashPoint("run-record");
      return report;
    } catch (LakemeshException e) {
      RunReport report = state.report(e instanceof BatchRejectedException ? JobRun.Status.REJECTED : JobRun.Status.FAILED, e.getMessage());
      catalog.recordJobRun(state.jobRun(report.status(), report));
      throw e;
    } catch (RuntimeException e) {
      RunReport report = state.report(JobRun.Status.FAILED, Errors.describe(e));
      catalog.recordJobRun(state.jobRun(JobRun.Status.FAILED, report));
      throw e;
    } finally {
      SparkSessions.closeCatalogs(spark, accounts);
    }
  }

  private RunReport execute(ProductSpec spec, SparkSession spark, ObservedMetrics observed, RunState state,
      QuarantineRelease release) {
    Progress progress = state.progress;
    TableId tableId = spec.tableId();
    String tableName = Warehouse.sparkCatalog(spec.account()) + "." + spec.table().database() + "." + spec.table().name();
    IcebergTables tables = new IcebergTables(spark, tableName);
    state.table = tableId.toString();

    catalog.findTable(tableId).ifPresent(published -> checkEvolution(published, spec));
    Table table = progress.stage("prepare table", () -> tables.ensure(spec));
    Optional<QuarantineStage> quarantine = QuarantineStage.of(spec, spark, tableName, observed);
    quarantine.ifPresent(q -> progress.stage("prepare quarantine table", q::prepare));
    if (release != null && quarantine.isEmpty()) {
      throw new InvalidConfigException("quality.rules", spec.id() + " has no rule with on-fail = quarantine,"
          + " so it has no quarantined rows to release");
    }
    state.previousSnapshot = table.currentSnapshot() == null ? null : table.currentSnapshot().snapshotId();
    tables.dropStaleAuditBranches(table).forEach(b -> progress.note("dropped stale audit branch " + b));

    SourceReader reader = new SourceReader(spark, observed, (name, product) -> readProduct(spark, spec, name, product));
    Path specDir = Path.of(spec.file()).toAbsolutePath().getParent();
    List<SourceReader.ReadSource> sources = release != null ? List.of() : progress.stage("read sources", () -> {
      List<SourceReader.ReadSource> read = new ArrayList<>();
      spec.sources().values().forEach(s -> read.add(reader.read(s, specDir)));
      return read;
    });
    crashPoint("read");
    String code = release == null ? transformCode(spec, specDir) : release.describe(quarantine.get().mainSnapshot());
    String batchKey = BatchKeys.of(spec, code, sources);
    Snapshot committed = tables.committedBatch(table, batchKey).orElse(null);
    if (committed != null) {
      return converge(spec, spark, observed, tables, table, committed, state, sources, quarantine, batchKey);
    }
    quarantine.ifPresent(q -> q.dropStaleBranches().forEach(b -> progress.note("dropped stale quarantine branch " + b)));

    TableSpec target = release == null ? spec.table() : QuarantineRelease.target(spec.table());
    StagedQuality quality = new StagedQuality(spark, observed, tableName, target.mode(), target.keys(),
        ImplicitRules.withContract(spec), catalog.qualityHistory(tableId, 30));
    Dataset<Row> conformed = progress.stage("transform", () -> SchemaContract.conform(release == null
        ? transform(spec, spark, sources, code, specDir) : release.rows(spark, quarantine.get().tableName(), spec), spec));
    crashPoint("transform");
    String branch = IcebergTables.AUDIT_PREFIX + state.runId.replaceAll("[^A-Za-z0-9_]", "_");
    state.auditBranch = branch;
    Map<String, String> properties = new LinkedHashMap<>(Map.of(IcebergTables.BATCH_KEY, batchKey, IcebergTables.RUN_ID, state.runId));
    Dataset<Row> batch = quarantine.isPresent() ? quarantine.get().clean(conformed) : conformed;
    Dataset<Row> output = quality.observe(batch);
    tables.createAuditBranch(table, branch);
    progress.stage("write audit branch", () -> Errors.write(sources, () -> new AuditWriter(spark).write(output, tableName,
        target, branch, properties)));
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
      progress.stage("write quarantine", () -> Errors.write(sources,
          () -> quarantine.get().stage(counted, state.runId, branch, properties)));
      crashPoint("quarantine-write");
      if (release != null) {
        progress.stage("remove released rows", () -> quarantine.get().remove(release, branch, state.runId));
      }
      Map<String, String> counts = new LinkedHashMap<>(properties);
      counts.putAll(counted.parameters(spec.quarantine()));
      tables.annotate(table, branch, counts);
    }
    crashPoint("audit-write");
    for (SourceReader.ReadSource s : sources) {
      long rows = reader.verify(s);
      state.sourceRows.put(s.spec().name(), rows);
      progress.note("source " + s.spec().name() + ": " + rows + " rows staged on " + branch);
    }
    state.stagedSnapshot = tables.branchHead(table, branch).orElse(state.previousSnapshot);
    Dataset<Row> staged = spark.read().option("branch", branch).table(tableName);
    QualityResult result = progress.stage("quality gate", () -> gate(state, () ->
        quality.verify(tables.load(), staged, state.previousSnapshot, state.stagedSnapshot, Instant.now())));
    crashPoint("gate");
    if (result.outcome() == QualityRun.Outcome.FAILED) {
      catalog.recordQualityRun(state.qualityRun(tableId, result));
      return state.report(JobRun.Status.REJECTED, "quality gate failed: " + failures(result)
          + "; nothing was published (staged data kept on branch " + branch + " until the next run)");
    }
    progress.stage("publish", () -> tables.fastForward(table, branch));
    crashPoint("fast-forward");
    if (quarantine.isPresent()) {
      progress.stage("publish quarantine", () -> quarantine.get().publish(branch));
      crashPoint("quarantine-publish");
    }
    Snapshot published = tables.load().snapshot(state.stagedSnapshot);
    publish(spec, tables, published, result, state, sources);
    tables.dropBranch(tables.load(), branch);
    state.auditBranch = null;
    return state.report(JobRun.Status.PUBLISHED, "published snapshot " + state.publishedSnapshot);
  }

  /** The batch is on main already (a crash after the fast-forward): finish its publish only. */
  private RunReport converge(ProductSpec spec, SparkSession spark, ObservedMetrics observed, IcebergTables tables, Table table,
      Snapshot committed, RunState state, List<SourceReader.ReadSource> sources, Optional<QuarantineStage> quarantine,
      String batchKey) {
    String published = catalog.findTable(spec.tableId())
        .flatMap(t -> t.parameter(io.lakemesh.catalog.TableParameters.SNAPSHOT_ID)).orElse(null);
    state.stagedSnapshot = committed.snapshotId();
    if (Long.toString(committed.snapshotId()).equals(published) || table.currentSnapshot().snapshotId() != committed.snapshotId()) {
      state.publishedSnapshot = Long.valueOf(published == null ? committed.snapshotId() : Long.parseLong(published));
      if (published != null) { // a run cut short after its publish left the links undone
        publisher.ensureLinks(spec).forEach(state.progress::note);
      }
      return state.report(JobRun.Status.UNCHANGED, "inputs unchanged since run " + committed.summary().get(IcebergTables.RUN_ID)
          + " (snapshot " + committed.snapshotId() + "); nothing to do");
    }
    state.progress.note("snapshot " + committed.snapshotId() + " is on main but not in the catalog: completing its publish");
    if (quarantine.isPresent() && quarantine.get().complete(batchKey)) {
      state.progress.note("published the rows its run set aside in " + quarantine.get().name());
    }
    state.quarantine = quarantine
        .flatMap(q -> QuarantineReport.of(committed.summary(), q.name())).orElse(null);
    Dataset<Row> current = spark.read().option("snapshot-id", committed.snapshotId()).table(tables.name());
    StagedQuality quality = new StagedQuality(spark, observed, tables.name(), spec.table().mode(), spec.table().keys(),
        ImplicitRules.withContract(spec), catalog.qualityHistory(spec.tableId(), 30));
    QualityResult result = state.progress.stage("quality gate", () -> gate(state, () ->
        quality.verifyFully(tables.load(), current, committed.snapshotId(), Instant.now())));
    publish(spec, tables, committed, result, state, sources);
    return state.report(JobRun.Status.PUBLISHED, "completed the publish of snapshot " + committed.snapshotId());
  }

  private QualityResult gate(RunState state, Supplier<Verification> verify) {
    Verification verification = verify.get();
    QualityResult result = verification.result();
    state.constraints = result.constraints();
    state.quality = result.outcome().name();
    if (!verification.passed().isEmpty()) {
      state.progress.note("quality gate measured in a pass over the table: "
          + String.join(", ", verification.explainedPasses()));
    }
    return result;
  }

  private void publish(ProductSpec spec, IcebergTables tables, Snapshot snapshot, QualityResult quality,
      RunState state, List<SourceReader.ReadSource> sources) {
    Table table = tables.load();
    long rows = Long.parseLong(snapshot.summary().getOrDefault("total-records", "0"));
    state.outputRows = rows;
    state.publishedSnapshot = snapshot.snapshotId();
    state.progress.note("table " + spec.tableId() + ": " + rows + " rows in snapshot " + snapshot.snapshotId());
    Instant at = Instant.now();
    QualityRun qualityRun = state.qualityRun(spec.tableId(), quality);
    List<LineageEvents.Dataset> inputs = sources.stream()
        .map(s -> new LineageEvents.Dataset(s.input().namespace(), s.input().name())).toList();
    LineageEvents.Dataset output = LineageEvents.tableDataset(spec.account(), spec.tableId().qualifiedName());
    LineageEvent lineage = new LineageEvents().complete(spec, state.runId, at, inputs,
        new LineageEvents.Output(output, snapshot.snapshotId(), rows), quality.metrics(), quality.constraints());
    CatalogTable entry = CatalogEntries.of(spec, table, snapshot, state.runId, at, quality, inputs, state.quarantine);
    RunReport report = state.report(JobRun.Status.PUBLISHED, "published snapshot " + snapshot.snapshotId());
    List<String> notes = state.progress.stage("catalog", () -> publisher.publish(spec,
        new Publication(entry, qualityRun, lineage, state.jobRun(JobRun.Status.PUBLISHED, report))));
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
      progress.note("warning: lineage event not emitted (" + e.getMessage() + "); it is stored in the catalog");
    }
  }

  /** Breaking changes within a table are refused; a raised major version publishes a new table. */
  private void checkEvolution(CatalogTable published, ProductSpec spec) {
    List<String> breaking = SchemaContract.breakingChanges(published, spec);
    if (!breaking.isEmpty()) {
      throw new InvalidConfigException("schema", spec.id() + ": breaking schema change refused within major version "
          + spec.version() + " (table " + spec.tableId() + "): " + String.join("; ", breaking)
          + ". Raise the product's version to publish it as a new major version: a new table "
          + spec.table().name().replaceAll("_v\\d+$", "") + "_v" + (spec.version() + 1)
          + " that consumers request anew, while the current one stays as it is.");
    }
  }

  /** The transform as code: the SQL text, or the Java class name. Part of the batch key. */
  private static String transformCode(ProductSpec spec, Path specDir) {
    if (spec.transform() instanceof TransformSpec.Sql sql) {
      Path file = specDir.resolve(sql.path());
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new NotFoundException(spec.id() + ": transform SQL file not found: " + file);
      }
    }
    return ((TransformSpec.JavaClass) spec.transform()).className();
  }

  private Dataset<Row> transform(ProductSpec spec, SparkSession spark, List<SourceReader.ReadSource> sources, String code,
      Path specDir) {
    Map<String, Dataset<Row>> byName = new LinkedHashMap<>();
    for (SourceReader.ReadSource s : sources) {
      s.data().createOrReplaceTempView(s.spec().name());
      byName.put(s.spec().name(), s.data());
    }
    if (spec.transform() instanceof TransformSpec.Sql sql) {
      return Errors.sql(spec, specDir.resolve(sql.path()), code, () -> spark.sql(code));
    }
    String className = code;
    Transform transform;
    try {
      transform = (Transform) Class.forName(className).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new InvalidConfigException("transform.class",
          spec.id() + ": cannot load transform class " + className + " (a public class implementing io.lakemesh.runtime.Transform with a no-argument constructor): " + e);
    }
    return Errors.transform(spec, () -> transform.apply(spark, byName));
  }

  private SourceReader.ProductRead readProduct(SparkSession spark, ProductSpec spec, String source, String product) {
    String[] parts = product.split("\\.");
    if (parts.length != 2) {
      throw new InvalidConfigException("sources." + source + ".product", "product must be DOMAIN.NAME, got '" + product + "'");
    }
    TableId id = TableId.of(parts[0], parts[0], parts[1]);
    ProductInputs.Input input = inputs.open(spark, spec, source, id);
    String snapshot = input.table().parameter(io.lakemesh.catalog.TableParameters.SNAPSHOT_ID).orElse("none");
    LineageEvents.Dataset ds = LineageEvents.tableDataset(id.catalog(), id.qualifiedName());
    return new SourceReader.ProductRead(input.data(), new InputDataset(source, ds.namespace(), ds.name(), snapshot));
  }

  /** Runs of this product still marked running were cut short (a crash or a kill): say so. */
  private void closeInterruptedRuns(String product) {
    for (JobRun r : catalog.listJobRuns(product, 50)) {
      if (r.status() == JobRun.Status.RUNNING) {
        catalog.recordJobRun(new JobRun(r.runId(), r.product(), r.table(), JobRun.Status.FAILED, r.startedAt(),
            Instant.now(), r.snapshotId(), "interrupted: the run ended without recording an outcome", r.report()));
      }
    }
  }

  private static Set<String> accounts(ProductSpec spec) {
    Set<String> accounts = new LinkedHashSet<>();
    accounts.add(spec.account());
    for (SourceSpec s : spec.sources().values()) {
      if (s instanceof SourceSpec.Product p && p.product().contains(".")) {
        accounts.add(p.product().substring(0, p.product().indexOf('.')));
      }
    }
    return accounts;
  }

  private static ProductSpec withSourcePaths(ProductSpec spec, Map<String, String> paths) {
    if (paths.isEmpty()) {
      return spec;
    }
    Map<String, SourceSpec> sources = new LinkedHashMap<>(spec.sources());
    paths.forEach((name, path) -> {
      SourceSpec s = sources.get(name);
      if (!(s instanceof SourceSpec.Files f)) {
        throw new InvalidConfigException("--source", spec.id() + " has no file source named '" + name
            + "' (file sources: " + String.join(", ", spec.sources().keySet()) + ")");
      }
      sources.put(name, new SourceSpec.Files(f.name(), f.format(), Path.of(path).toAbsolutePath().toString(), f.options()));
    });
    return new ProductSpec(spec.domain(), spec.name(), spec.version(), spec.owner(), spec.description(), spec.tags(),
        spec.freshnessSla(), spec.freshnessUnit(), sources, spec.transform(), spec.table(), spec.schema(), spec.quality(), spec.quarantine(), spec.subscribers(), spec.file());
  }

  private static String failures(QualityResult quality) {
    return String.join("; ", quality.constraints().stream().filter(io.lakemesh.catalog.ConstraintResult::blocking)
        .map(c -> c.rule() + ": " + c.message()).toList());
  }

  private static void crashPoint(String stage) {
    if (stage.equals(System.getProperty(CRASH_AFTER))) {
      System.err.println("crashing after " + stage + " (" + CRASH_AFTER + ")");
      Runtime.getRuntime().halt(137);
    }
  }
}
