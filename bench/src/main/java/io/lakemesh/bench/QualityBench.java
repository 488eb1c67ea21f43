package io.lakemesh.bench;

import io.lakemesh.quality.QualityGate;
import io.lakemesh.quality.Verification;
import io.lakemesh.runtime.Generators;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.runtime.SparkSessions;
import io.lakemesh.runtime.TableVerifier;
import io.lakemesh.spec.ProductSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Issue 4's benchmark: the producer job with no rules (A), with the standard rules (B), with
 * those less uniqueness (B_scan_only), job A followed by a hand-written Deequ run (C), a plain
 * Parquet write (D), and the verification of a 5% append incrementally and in full (E). Each case
 * runs {@code --runs} times after one warm-up round on a small batch, the cases interleaved and
 * their order rotated so that drift on a shared machine spreads over all of them.
 *
 * <pre>bench/run [--rows N] [--runs K] [--json FILE] [--work DIR]</pre>
 */
public final class QualityBench {
  private final long rows;
  private final int runs;
  private final Path work;
  private final SparkSession spark;
  private int serial;

  private QualityBench(long rows, int runs, Path work, SparkSession spark) {
    this.rows = rows;
    this.runs = runs;
    this.work = work;
    this.spark = spark;
  }

  public static void main(String[] args) throws IOException {
    long rows = 5_000_000;
    int runs = 5;
    Path json = null;
    Path work = Path.of(System.getProperty("lakemesh.root", ".")).resolve("bench/target/work");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i].replace("_", ""));
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        default -> {
          System.err.println("usage: bench/run [--rows N] [--runs K] [--json FILE] [--work DIR]");
          System.exit(2);
        }
      }
    }
    SparkSession spark = SparkSessions.shared(BenchProducts.config(work).spark());
    Figures figures = new QualityBench(rows, runs, work.toAbsolutePath(), spark).measure();
    System.out.println(figures.table(runs));
    if (json != null) {
      Files.writeString(json, figures.json(runs));
      System.err.println("bench: figures written to " + json);
    }
    spark.stop();
  }

  private Figures measure() throws IOException {
    Path orders = data("orders-" + rows, 0, rows);
    Path appended = data("orders-" + rows + "-append", rows, Math.max(1, rows / 20));
    Path home = work.resolve("mesh-" + System.currentTimeMillis());
    Figures figures = new Figures(rows);
    try (BenchProducts products = new BenchProducts(home, spark)) {
      log("warm-up on " + (rows / 20) + " rows");
      round(products, appended, new Figures(rows), 0);
      for (int i = 1; i <= runs; i++) {
        log("round " + i + " of " + runs);
        round(products, orders, figures, i);
      }
      appendedVerification(products, orders, appended, figures);
    }
    return figures;
  }

  /** One run of each job case, in an order rotated by {@code round}. */
  private void round(BenchProducts products, Path csv, Figures figures, int round) {
    List<Runnable> cases = new ArrayList<>(List.of(
        () -> job(products, figures, "A", List.of(), csv),
        () -> job(products, figures, "B", BenchProducts.STANDARD, csv),
        () -> job(products, figures, "B_scan_only",
            BenchProducts.STANDARD.stream().filter(r -> !r.equals(BenchProducts.UNIQUE)).toList(), csv),
        () -> {
          String name = "orders_c_" + (++serial);
          ProductSpec spec = products.spec(name, List.of());
          figures.add("C", seconds(() -> {
            products.run(spec, csv);
            withCatalog(products, s -> Alternatives.handWrittenDeequ(s, BenchProducts.table(name)));
            return null;
          }));
        },
        () -> figures.add("D", seconds(() -> {
          Alternatives.plainParquet(spark, csv, work.resolve("plain"), false);
          return null;
        })),
        () -> figures.add("D_partitioned", seconds(() -> {
          Alternatives.plainParquet(spark, csv, work.resolve("plain-partitioned"), true);
          return null;
        }))));
    Collections.rotate(cases, round);
    cases.forEach(Runnable::run);
  }

  private void job(BenchProducts products, Figures figures, String figure, List<String> rules, Path csv) {
    ProductSpec spec = products.spec("orders_" + figure.toLowerCase() + "_" + (++serial), rules);
    RunReport[] report = new RunReport[1];
    figures.add(figure, seconds(() -> report[0] = products.run(spec, csv)));
    figures.stages(figure, report[0].stageMillis());
  }

  /**
   * E: a table of {@code rows} orders published with the standard rules, then a 5% append
   * published; the appended snapshot is verified again and again, from the previous snapshot's
   * stored states plus an incremental read, and by a full Deequ gate.
   */
  private void appendedVerification(BenchProducts products, Path orders, Path appended, Figures figures) {
    log("E: publishing " + rows + " rows, then a 5% append");
    String name = "orders_e";
    ProductSpec spec = products.spec(name, BenchProducts.STANDARD);
    long before = products.run(spec, orders).publishedSnapshotId();
    long after = products.run(spec, appended).publishedSnapshotId();
    withCatalog(products, session -> {
      String table = BenchProducts.table(name);
      TableVerifier verifier = new TableVerifier(session, table, spec.quality());
      // The job kept only the head's states; the append's base needs its own again.
      verifier.full(before);
      for (int i = 1; i <= runs + 1; i++) {
        boolean warm = i == 1;
        Figures.Timing incremental = seconds(() -> check(verifier.incremental(before, after), true));
        Figures.Timing full = seconds(() -> QualityGate.on(session.read().option("snapshot-id", after).table(table))
            .rules(spec.quality()).at(Instant.now()).run());
        if (!warm) {
          figures.add("E_incremental", incremental);
          figures.add("E_full", full);
        }
      }
    });
  }

  private static Verification check(Verification verification, boolean incremental) {
    if (incremental && !verification.passed().isEmpty()) {
      throw new IllegalStateException("the incremental verification fell back to a pass: " + verification.passed());
    }
    return verification;
  }

  private void withCatalog(BenchProducts products, java.util.function.Consumer<SparkSession> work) {
    SparkSession session = SparkSessions.forAccounts(spark, products.config.warehouse(), List.of(BenchProducts.ACCOUNT));
    try {
      work.accept(session);
    } finally {
      SparkSessions.closeCatalogs(session, List.of(BenchProducts.ACCOUNT));
    }
  }

  /** Generated orders, written once per size and kept under the work folder for later runs. */
  private Path data(String name, long firstId, long count) throws IOException {
    Path dir = work.resolve("data").resolve(name);
    if (!Files.exists(dir.resolve("_SUCCESS"))) {
      log("generating " + count + " orders into " + dir);
      Files.createDirectories(dir.getParent());
      Generators.write(spark, "sales.orders", firstId, count, 1, dir.toString());
    }
    return dir;
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** Wall-clock seconds of the work, and the CPU seconds this JVM spent meanwhile. */
  private static Figures.Timing seconds(Supplier<?> work) {
    long cpu = OS.getProcessCpuTime();
    long start = System.nanoTime();
    work.get();
    return new Figures.Timing((System.nanoTime() - start) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
  }

  private static void log(String message) {
    System.err.println("bench: " + message);
  }
}
