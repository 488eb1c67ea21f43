package io.lakemesh.bench.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Issue 4's "catalog at scale": the embedded governance catalog (JdbcGovernanceCatalog on SQLite)
 * filled with N products of ten columns, ten grants per product (LF-tag policy grants among them)
 * and LF-tags on tables and columns, then publish, get table, search, entitlement check, audit
 * append and an Iceberg REST loadTable through a link (the catalog server on loopback; see {@link
 * RestLoads}) timed at N and at N/100. Needs no Spark.
 *
 * <pre>bench/run catalog [--products N] [--checks K] [--json FILE] [--work DIR]</pre>
 */
public final class CatalogBench {
  static final String USAGE =
      "usage: bench/run catalog [--products N] [--checks K] [--json FILE] [--work DIR]";

  private CatalogBench() {}

  public static void main(String[] args) throws IOException {
    int products = 10_000;
    int checks = 1_000;
    Path json = null;
    Path work = null;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--products" -> products = Integer.parseInt(args[++i].replace("_", ""));
          case "--checks" -> checks = Integer.parseInt(args[++i].replace("_", ""));
          case "--json" -> json = Path.of(args[++i]);
          case "--work" -> work = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      usage(e.getMessage());
    }
    if (products < 100 || products > ScaleMesh.MAX_PRODUCTS) {
      usage(String.format("--products must be 100 to %,d", ScaleMesh.MAX_PRODUCTS));
    }
    if (checks < 10) {
      usage("--checks must be at least 10");
    }
    CatalogFigures figures = run(products, checks, work);
    System.out.println(figures.table());
    if (json != null) {
      Files.writeString(json, figures.json());
      System.err.println("bench: figures written to " + json);
    }
  }

  /**
   * Measures both sizes, each in a catalog of its own, in {@code work} (kept) or in a temporary
   * folder (deleted afterwards).
   */
  static CatalogFigures run(int products, int checks, Path work) throws IOException {
    Path dir = work != null ? Files.createDirectories(work) : Files.createTempDirectory("catbench");
    try {
      CatalogScale scale =
          new CatalogScale(
              dir, CatalogScale.Plan.of(checks), m -> System.err.println("bench: " + m));
      // Both fills come first, so that the JIT is equally warm when either size is timed.
      try (CatalogScale.Filled small = scale.fill(products / 100);
          CatalogScale.Filled large = scale.fill(products)) {
        return new CatalogFigures(
            products, CatalogScale.Plan.of(checks), scale.measure(small), scale.measure(large));
      }
    } finally {
      if (work == null) {
        delete(dir);
      }
    }
  }

  private static void usage(String problem) {
    System.err.println("bench: " + problem);
    System.err.println(USAGE);
    System.exit(2);
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
