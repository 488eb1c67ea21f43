package io.lakemesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemesh.bench.handwritten.HandJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Issue 16's side-by-side cases, each run a whole process started fresh, as a scheduler starts
 * them: lakemesh's {@code run sales.orders} (the spec of jobs/products, in a mesh home of its own)
 * against {@link HandJob}, the job a data engineer writes without lakemesh, on the same rows. In
 * each round: the first load of {@code rows} orders into a fresh home or warehouse (B_process, H)
 * and a 5% upsert into the loaded table (B_upsert, H_upsert); then, on lakemesh's side, the same
 * upsert again (run_unchanged), {@code catalog list}, the first load with the spec's rules taken
 * out (A_process) and a first load of 1,000 rows (run_1000). The order of the four rotates each
 * round, so that drift on a shared machine spreads over all of them. The last round's mesh home and
 * warehouse are kept ({@link #lastHome}, {@link #lastWarehouse}); earlier ones are deleted.
 */
final class SideBySide {
  static final String PRODUCT = "sales.orders";

  /** How the two jobs are started: the command before the arguments. */
  record Launchers(List<String> lakemesh, List<String> handJob) {
    /**
     * bench/run: {@code bin/lakemesh}, as a user runs it; the hand-written job with this JVM's
     * flags (bench/run gives it those of bin/lakemesh) on {@code handClasspath}.
     */
    static Launchers installed(Path root, String handClasspath) {
      return new Launchers(
          List.of(root.resolve("bin/lakemesh").toString()),
          java(handClasspath, List.of(HandJob.class.getName())));
    }

    /** Tests: both on this JVM's classpath and flags. */
    static Launchers inThisJvm(Path root) {
      String classpath = System.getProperty("java.class.path");
      return new Launchers(
          java(
              classpath,
              List.of(
                  "-Dlakemesh.root=" + root,
                  "-Dlakemesh.config=" + root.resolve("conf/lakemesh.conf"),
                  "io.lakemesh.cli.LakemeshCli")),
          java(classpath, List.of(HandJob.class.getName())));
    }

    private static List<String> java(String classpath, List<String> tail) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.addAll(List.of("-cp", classpath));
      command.addAll(tail);
      return command;
    }
  }

  private final Path root;
  private final Path side;
  private final Launchers launchers;
  private final Processes processes;
  private Path lastHome;
  private Path lastWarehouse;

  SideBySide(Path root, Path work, Launchers launchers) {
    this.root = root;
    this.side = work.resolve("side-" + System.currentTimeMillis());
    this.launchers = launchers;
    this.processes = new Processes(side.resolve("processes.log"));
  }

  void measure(BenchData data, long rows, int runs, Figures figures) {
    Path orders = data.orders(rows);
    Path upsert = data.upsert(rows, 1);
    Path small = data.orders(1_000);
    Path withRules = products("products", false);
    Path noRules = products("products-no-rules", true);
    log("side by side: processes log to " + side.resolve("processes.log"));
    for (int round = 1; round <= runs; round++) {
      log("side by side: round " + round + " of " + runs);
      Path home = side.resolve("home-" + round);
      Path warehouse = side.resolve("hand-" + round);
      Path homeA = side.resolve("home-no-rules-" + round);
      Path homeSmall = side.resolve("home-1000-" + round);
      List<Runnable> chains =
          new ArrayList<>(
              List.of(
                  () -> {
                    init(home, withRules);
                    figures.add(
                        "B_process",
                        lakemesh(
                            home, "PUBLISHED", "run", PRODUCT, "--source", "orders=" + orders));
                    figures.add(
                        "B_upsert",
                        lakemesh(
                            home, "PUBLISHED", "run", PRODUCT, "--source", "orders=" + upsert));
                    figures.add(
                        "run_unchanged",
                        lakemesh(
                            home, "UNCHANGED", "run", PRODUCT, "--source", "orders=" + upsert));
                    figures.add("catalog_list", lakemesh(home, null, "catalog", "list"));
                  },
                  () -> {
                    figures.add("H", hand(warehouse, orders));
                    figures.add("H_upsert", hand(warehouse, upsert));
                  },
                  () -> {
                    init(homeA, noRules);
                    figures.add(
                        "A_process",
                        lakemesh(
                            homeA, "PUBLISHED", "run", PRODUCT, "--source", "orders=" + orders));
                  },
                  () -> {
                    init(homeSmall, withRules);
                    figures.add(
                        "run_1000",
                        lakemesh(
                            homeSmall, "PUBLISHED", "run", PRODUCT, "--source", "orders=" + small));
                  }));
      Collections.rotate(chains, round);
      chains.forEach(Runnable::run);
      Stream.of(homeA, homeSmall).forEach(SideBySide::delete);
      if (lastHome != null) {
        delete(lastHome);
        delete(lastWarehouse);
      }
      lastHome = home;
      lastWarehouse = warehouse;
    }
  }

  /** The last round's mesh home: sales.orders loaded and upserted by lakemesh. */
  Path lastHome() {
    return lastHome;
  }

  /** The last round's warehouse of the hand-written job: the same load and upsert. */
  Path lastWarehouse() {
    return lastWarehouse;
  }

  /**
   * A products folder holding jobs/products' sales.orders as it is, or with its quality rules and
   * not-null columns (which add a completeness rule each) taken out.
   */
  private Path products(String name, boolean withoutRules) {
    Path from = root.resolve("jobs/products/sales");
    Path dir = side.resolve(name);
    try {
      Files.createDirectories(dir.resolve("sales"));
      String spec = Files.readString(from.resolve("orders.conf"));
      if (withoutRules) {
        spec =
            spec.replaceAll("(?s)quality\\.rules = \\[.*?\\n]", "quality.rules = []")
                .replace("nullable = false, ", "");
      }
      Files.writeString(dir.resolve("sales/orders.conf"), spec);
      Files.copy(from.resolve("orders.sql"), dir.resolve("sales/orders.sql"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  private void init(Path home, Path products) {
    lakemesh(home, null, "init", "--products", products.toString());
  }

  /**
   * One lakemesh command in {@code home}; fails unless it exits 0 and, if given, its run ends
   * {@code status}.
   */
  private Figures.Timing lakemesh(Path home, String status, String... args) {
    List<String> command = new ArrayList<>(launchers.lakemesh());
    command.addAll(List.of(args));
    if (status != null) {
      command.add("--json");
    }
    Processes.Outcome outcome = processes.run(command, Map.of("LAKEMESH_HOME", home.toString()));
    if (outcome.exitCode() != 0 || status != null && !status.equals(status(outcome.stdout()))) {
      throw new IllegalStateException(
          "lakemesh "
              + String.join(" ", args)
              + " exited "
              + outcome.exitCode()
              + " (expected 0"
              + (status == null ? "" : " and " + status)
              + "): "
              + outcome.stdout()
              + "; its stderr is in "
              + side.resolve("processes.log"));
    }
    return outcome.timing();
  }

  private Figures.Timing hand(Path warehouse, Path csv) {
    List<String> command = new ArrayList<>(launchers.handJob());
    command.addAll(List.of(warehouse.toString(), csv.toString()));
    Processes.Outcome outcome = processes.run(command, Map.of());
    if (outcome.exitCode() != 0) {
      throw new IllegalStateException(
          "the hand-written job exited "
              + outcome.exitCode()
              + " on "
              + csv
              + "; its stderr is in "
              + side.resolve("processes.log"));
    }
    return outcome.timing();
  }

  /** The run report's status; a JVM warning printed on stdout before the report is skipped. */
  private static String status(String stdout) {
    try {
      return new ObjectMapper()
          .readTree(stdout.substring(Math.max(0, stdout.indexOf('{'))))
          .path("status")
          .asText();
    } catch (IOException e) {
      return "(not JSON: " + e.getMessage() + ")";
    }
  }

  private static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void log(String message) {
    System.err.println("bench: " + message);
  }
}
