package io.lakemesh.bench;

import com.sun.management.OperatingSystemMXBean;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.quality.QualityGate;
import io.lakemesh.quality.Verification;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.runtime.TableVerifier;
import io.lakemesh.spec.ProductSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * The quality benchmark. In one warm JVM (cases {@code gate}): the producer job with no rules (A),
 * with the standard rules (B), with those less uniqueness (B_scan_only), with its row-level rules
 * quarantining 0.1% bad rows (B_quarantine), job A followed by a hand-written Deequ run (C), a
 * plain Parquet write (D), the verification of a 5% append incrementally and in full (E), and of a
 * 5% upsert as a merge run does it and in full (M). Each job case runs {@code --runs} times after
 * one warm-up round on a small batch, the cases interleaved and their order rotated so that drift
 * on a shared machine spreads over all of them. Then (cases {@code side-by-side}) lakemesh against
 * a hand-written job, each a whole process: {@link SideBySide}. Case {@code merge} runs M alone,
 * and again on orders placed in id order (M_ordered).
 *
 * <pre>bench/run [--rows N] [--runs K] [--cases gate,side-by-side,merge] [--only A,D,...]
 *           [--json FILE] [--work DIR]</pre>
 *
 * {@code --only} keeps the named in-process cases (A, B, B_scan_only, C, D, D_partitioned,
 * B_quarantine, E, M), to measure a change to one of them quickly.
 */
public final class QualityBench {
  static final String GATE = "gate";
  static final String SIDE_BY_SIDE = "side-by-side";
  static final String MERGE = "merge";

  private final long rows;
  private final int runs;
  private final Path work;
  private final SparkSession spark;
  private final BenchData data;
  private int serial;
  private boolean quarantineRefused;

  /** The in-process cases to run ({@code --only A,D}): every one when empty. */
  private Set<String> only = Set.of();

  QualityBench(long rows, int runs, Path work, SparkSession spark) {
    this.rows = rows;
    this.runs = runs;
    this.work = work;
    this.spark = spark;
    this.data = new BenchData(spark, work);
  }

  public static void main(String[] args) throws IOException {
    long rows = 5_000_000;
    int runs = 5;
    Path json = null;
    Path root = Path.of(System.getProperty("lakemesh.root", ".")).toAbsolutePath();
    Path work = root.resolve("bench/target/work");
    Set<String> cases = Set.of(GATE, SIDE_BY_SIDE);
    Set<String> only = Set.of();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]).toAbsolutePath();
        case "--cases" -> cases = Set.of(args[++i].split(","));
        case "--only" -> only = Set.of(args[++i].split(","));
        default -> {
          System.err.println(
              "usage: bench/run [--rows N] [--runs K] [--cases gate,side-by-side,merge]"
                  + " [--only A,B,D,...] [--json FILE] [--work DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = SparkSessions.shared(BenchProducts.config(work).spark());
    QualityBench bench = new QualityBench(rows, runs, work, spark);
    bench.only = only;
    Figures figures = new Figures(rows);
    if (cases.contains(GATE)) {
      bench.measure(figures);
    } else if (cases.contains(MERGE)) {
      bench.measureMerge(figures);
    }
    if (cases.contains(SIDE_BY_SIDE)) {
      String handClasspath =
          System.getProperty("bench.hand.classpath", System.getProperty("java.class.path"));
      new SideBySide(root, work, SideBySide.Launchers.installed(root, handClasspath))
          .measure(bench.data, rows, runs, figures);
    }
    System.out.println(figures.table(runs));
    if (json != null) {
      Files.writeString(json, figures.json(runs));
      System.err.println("bench: figures written to " + json);
    }
    spark.stop();
  }

  /** The in-process cases: every job case in one warm JVM, then the verifications of E and M. */
  void measure(Figures figures) {
    Path orders = data.orders(rows);
    Path appended = data.appended(rows);
    Path bad = data.withBadRows(rows);
    Path home = work.resolve("mesh-" + System.currentTimeMillis());
    try (BenchProducts products = new BenchProducts(home, spark)) {
      log("warm-up on " + (rows / 20) + " rows");
      round(products, appended, null, new Figures(rows), 0);
      for (int i = 1; i <= runs; i++) {
        log("round " + i + " of " + runs);
        round(products, orders, bad, figures, i);
      }
      if (runs("E")) {
        appendedVerification(products, orders, appended, figures);
      }
      if (runs("M")) {
        mergedVerification(products, "M", orders, n -> data.upsert(rows, n), figures);
      }
    }
  }

  /**
   * Case {@code merge}: the verification of 5% upserts into a merge product, on both key layouts.
   */
  void measureMerge(Figures figures) {
    try (BenchProducts products =
        new BenchProducts(work.resolve("mesh-" + System.currentTimeMillis()), spark)) {
      mergedVerifications(products, figures);
    }
  }

  /**
   * One run of each job case, in an order rotated by {@code round}; B_quarantine only with {@code
   * bad} rows.
   */
  private void round(BenchProducts products, Path csv, Path bad, Figures figures, int round) {
    List<Runnable> cases =
        new ArrayList<>(
            List.of(
                () -> job(products, figures, "A", List.of(), csv),
                () -> job(products, figures, "B", BenchProducts.STANDARD, csv),
                () ->
                    job(
                        products,
                        figures,
                        "B_scan_only",
                        BenchProducts.STANDARD.stream()
                            .filter(r -> !r.equals(BenchProducts.UNIQUE))
                            .toList(),
                        csv),
                () -> {
                  String name = "orders_c_" + (++serial);
                  ProductSpec spec = products.spec(name, List.of());
                  figures.add(
                      "C",
                      seconds(
                          () -> {
                            products.run(spec, csv);
                            withCatalog(
                                products,
                                s -> {
                                  Alternatives.handWrittenDeequ(s, BenchProducts.table(name));
                                  return null;
                                });
                            return null;
                          }));
                },
                () ->
                    figures.add(
                        "D",
                        seconds(
                            () -> {
                              Alternatives.plainParquet(spark, csv, work.resolve("plain"), false);
                              return null;
                            })),
                () ->
                    figures.add(
                        "D_partitioned",
                        seconds(
                            () -> {
                              Alternatives.plainParquet(
                                  spark, csv, work.resolve("plain-partitioned"), true);
                              return null;
                            }))));
    if (bad != null) {
      cases.add(() -> quarantine(products, figures, bad));
    }
    List<String> names =
        List.of("A", "B", "B_scan_only", "C", "D", "D_partitioned", "B_quarantine");
    List<Runnable> chosen = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      if (runs(names.get(i))) {
        chosen.add(cases.get(i));
      }
    }
    Collections.rotate(chosen, round);
    chosen.forEach(Runnable::run);
  }

  private boolean runs(String figure) {
    return only.isEmpty() || only.contains(figure);
  }

  private void job(
      BenchProducts products, Figures figures, String figure, List<String> rules, Path csv) {
    timed(
        products,
        figures,
        figure,
        products.spec("orders_" + figure.toLowerCase() + "_" + (++serial), rules),
        csv);
  }

  private void timed(
      BenchProducts products, Figures figures, String figure, ProductSpec spec, Path csv) {
    RunReport[] report = new RunReport[1];
    figures.add(figure, seconds(() -> report[0] = products.run(spec, csv)));
    figures.stages(figure, report[0].stageMillis());
  }

  /**
   * E: a table of {@code rows} orders published with the standard rules, then a 5% append
   * published; the appended snapshot is verified again and again, from the previous snapshot's
   * stored states plus an incremental read, and by a full Deequ gate.
   */
  private void appendedVerification(
      BenchProducts products, Path orders, Path appended, Figures figures) {
    log("E: publishing " + rows + " rows, then a 5% append");
    String name = "orders_e";
    ProductSpec spec = products.spec(name, BenchProducts.STANDARD);
    long before = products.run(spec, orders).publishedSnapshotId();
    long after = products.run(spec, appended).publishedSnapshotId();
    withCatalog(
        products,
        session -> {
          String table = BenchProducts.table(name);
          TableVerifier verifier = new TableVerifier(session, table, spec.quality());
          // The job kept only the head's states; the append's base needs its own again.
          verifier.full(before);
          for (int i = 1; i <= runs + 1; i++) {
            boolean warm = i == 1;
            Figures.Timing incremental =
                seconds(() -> check(verifier.incremental(before, after), true));
            Figures.Timing full = seconds(() -> fullGate(session, table, spec, after));
            if (!warm) {
              figures.add("E_incremental", incremental);
              figures.add("E_full", full);
            }
          }
          return null;
        });
  }

  /**
   * B_quarantine: job B on the same number of rows, one in a thousand broken, with the standard
   * set's row-level rules quarantining the rows they fail ({@code on-fail = quarantine}) instead of
   * rejecting the batch. Where the spec or the run refuses that, the case is left out with a note.
   */
  private void quarantine(BenchProducts products, Figures figures, Path bad) {
    if (quarantineRefused) {
      return;
    }
    try {
      ProductSpec spec =
          products.spec(
              "orders_q_" + (++serial),
              BenchProducts.quarantining(BenchProducts.STANDARD),
              "quality.max-quarantine = 0.01");
      timed(products, figures, "B_quarantine", spec, bad);
    } catch (LakemeshException | IllegalStateException e) {
      quarantineRefused = true;
      figures.note("B_quarantine: needs quarantine support (" + e.getMessage() + ")");
    }
  }

  /**
   * M twice: on orders whose timestamps are independent of their ids, so every data file of the
   * month-partitioned table spans the upsert's key range; and on orders placed in id order
   * (M_ordered), whose recent keys sit in the last months' files.
   */
  private void mergedVerifications(BenchProducts products, Figures figures) {
    mergedVerification(products, "M", data.orders(rows), n -> data.upsert(rows, n), figures);
    mergedVerification(
        products,
        "M_ordered",
        data.ordersInTimeOrder(rows),
        n -> data.upsertInTimeOrder(rows, n),
        figures);
  }

  /**
   * M: a table of {@code rows} orders published by a merge product with the standard rules, then 5%
   * upserts (half changed keys, half new) published one after another; each upsert run's quality
   * gate stage (the table's stored states brought forward by the batch's key range, read before and
   * after the merge) against a full Deequ gate over the table it published.
   */
  private void mergedVerification(
      BenchProducts products,
      String figure,
      Path orders,
      IntFunction<Path> upserts,
      Figures figures) {
    log(figure + ": publishing " + rows + " rows by merge, then 5% upserts");
    String name = "orders_" + figure.toLowerCase(Locale.ROOT);
    ProductSpec spec =
        products.spec(name, BenchProducts.STANDARD, "table { mode = merge, keys = [order_id] }");
    products.run(spec, orders);
    for (int i = 1; i <= runs + 1; i++) {
      int upsert = i;
      ByteArrayOutputStream progress = new ByteArrayOutputStream();
      RunReport report =
          products.run(
              spec, upserts.apply(i), new PrintStream(progress, true, StandardCharsets.UTF_8));
      // A gate that measured some metric in a pass over the table is not the incremental one.
      progress
          .toString(StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.contains("measured in a pass"))
          .forEach(l -> figures.note(figure + " upsert " + upsert + ": " + l));
      Figures.Timing full =
          withCatalog(
              products,
              session ->
                  seconds(
                      () ->
                          fullGate(
                              session,
                              BenchProducts.table(name),
                              spec,
                              report.publishedSnapshotId())));
      if (i > 1) { // the first is a warm-up
        figures.add(
            figure + "_incremental",
            new Figures.Timing(report.stageMillis().get("quality gate") / 1000.0, Double.NaN));
        figures.add(figure + "_full", full);
      }
    }
  }

  private static Object fullGate(
      SparkSession session, String table, ProductSpec spec, long snapshot) {
    return QualityGate.on(session.read().option("snapshot-id", snapshot).table(table))
        .rules(spec.quality())
        .at(Instant.now())
        .run();
  }

  private static Verification check(Verification verification, boolean incremental) {
    if (incremental && !verification.passed().isEmpty()) {
      throw new IllegalStateException(
          "the incremental verification fell back to a pass: " + verification.passed());
    }
    return verification;
  }

  private <T> T withCatalog(BenchProducts products, Function<SparkSession, T> work) {
    SparkSession session =
        SparkSessions.forAccounts(
            spark, products.config.warehouse(), List.of(BenchProducts.ACCOUNT));
    try {
      return work.apply(session);
    } finally {
      SparkSessions.closeCatalogs(session, List.of(BenchProducts.ACCOUNT));
    }
  }

  private static final OperatingSystemMXBean OS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** Wall-clock seconds of the work, and the CPU seconds this JVM spent meanwhile. */
  private static Figures.Timing seconds(Supplier<?> work) {
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    work.get();
    return new Figures.Timing(
        (System.nanoTime() - start) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
  }

  private static void log(String message) {
    System.err.println("bench: " + message);
  }
}
