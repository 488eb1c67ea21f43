package io.lakemesh.bench.catalog;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditSeal;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.Governance;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One size of the catalog benchmark: a fresh embedded catalog (SQLite file) filled with {@code
 * products} products, then every operation timed through the Governance facade as users call it
 * (each in its own transaction), the kinds interleaved so that drift on a shared machine spreads
 * over all of them. Audit appends go straight to the catalog's audit log, as every governance
 * change and refusal does: the facade has no call that only appends.
 */
final class CatalogScale {
  /** How many of each operation are timed, after a tenth as many untimed ones. */
  record Plan(Map<Operation, Integer> samples) {
    static Plan of(int checks) {
      Map<Operation, Integer> samples = new EnumMap<>(Operation.class);
      samples.put(Operation.PUBLISH, Math.max(1, checks / 5));
      samples.put(Operation.GET_TABLE, checks);
      samples.put(Operation.SEARCH, Math.max(1, checks / 100));
      samples.put(Operation.ENTITLEMENT_CHECK, checks);
      samples.put(Operation.AUDIT_APPEND, Math.max(1, checks / 5));
      samples.put(Operation.CHECKPOINT, Math.max(1, checks / 20));
      samples.put(Operation.REST_LOAD_TABLE, checks);
      return new Plan(samples);
    }

    int of(Operation op) {
      return samples.get(op);
    }
  }

  /** What one size measured. */
  record Result(
      int products, Duration fill, CatalogContents contents, Map<Operation, Latencies> latencies) {}

  /** A filled catalog of one size, open until closed. */
  static final class Filled implements AutoCloseable {
    private final int products;
    private final GovernanceCatalog catalog;
    private final Governance governance;
    private Duration fill;
    private CatalogContents contents;
    private RestLoads rest;

    private Filled(int products, GovernanceCatalog catalog) {
      this.products = products;
      this.catalog = catalog;
      this.governance = Governance.over(ScaleMesh.mesh(), catalog);
    }

    @Override
    public void close() {
      if (rest != null) {
        rest.close();
      }
      catalog.close();
    }
  }

  private final Path directory;
  private final Plan plan;
  private final Consumer<String> progress;

  CatalogScale(Path directory, Plan plan, Consumer<String> progress) {
    this.directory = directory;
    this.plan = plan;
    this.progress = progress;
  }

  /**
   * The properties of the catalog of {@code products} products in {@code directory}: its SQLite
   * file, keyed and checkpointed as a mesh home's catalog is (the key file and folder beside it).
   */
  static Map<String, String> properties(Path directory, int products) {
    return Map.of(
        "uri",
        "jdbc:sqlite:" + directory.resolve("catalog-" + products + ".db"),
        AuditSeal.KEY_FILE,
        directory.resolve("audit.key").toString(),
        AuditSeal.CHECKPOINTS,
        directory.resolve("audit-checkpoints-" + products).toString());
  }

  /** A fresh catalog in its own SQLite file, filled with {@code products} products. */
  Filled fill(int products) {
    Filled filled =
        new Filled(products, CatalogLoader.load("jdbc", "bench", properties(directory, products)));
    try {
      progress.accept(String.format("filling a catalog with %,d products", products));
      filled.fill = new CatalogFill(filled.governance, progress).fill(products);
      filled.contents = CatalogContents.of(filled.catalog);
      progress.accept(
          String.format("filled in %.1f s: %s", filled.fill.toMillis() / 1e3, filled.contents));
      filled.rest = RestLoads.start(filled.governance, filled.catalog, directory, products);
      progress.accept(
          String.format(
              "serving the Iceberg REST catalog with %d links to load", filled.rest.links()));
      return filled;
    } catch (RuntimeException e) {
      filled.close();
      throw e;
    }
  }

  /** Times the operations on a filled catalog. */
  Result measure(Filled filled) {
    progress.accept(String.format("timing operations on %,d products", filled.products));
    return new Result(
        filled.products, filled.fill, filled.contents, measure(filled, filled.products));
  }

  private Map<Operation, Latencies> measure(Filled filled, int products) {
    Timed timed = new Timed(filled.governance, filled.rest, products);
    Map<Operation, Latencies> latencies = new EnumMap<>(Operation.class);
    for (Operation op : Operation.values()) {
      latencies.put(op, new Latencies());
    }
    int rounds = plan.samples().values().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int round = -rounds / 10; round < rounds; round++) {
      for (Operation op : Operation.values()) {
        int wanted = op == Operation.REST_LOAD_TABLE ? 0 : plan.of(op);
        // Warm-up rounds run every kind a tenth as often as it is timed, and are not recorded.
        boolean warmUp = round < 0;
        if (warmUp ? -round <= wanted / 10 : round < wanted) {
          long nanos = timed.run(op);
          if (!warmUp) {
            latencies.get(op).add(nanos);
          }
        }
      }
    }
    restLoads(timed, latencies.get(Operation.REST_LOAD_TABLE), plan.of(Operation.REST_LOAD_TABLE));
    return latencies;
  }

  /**
   * The REST loads are timed in a pass of their own: a load is an HTTP round trip through the
   * server in this JVM, long enough that the collector's pauses for the other kinds' garbage (10 to
   * 40 ms at 10,000 products) would decide its tail rather than its own work.
   */
  private static void restLoads(Timed timed, Latencies latencies, int wanted) {
    if (wanted == 0) {
      return;
    }
    // An engine's first load of a table in a minute also appends its read event (audit_append's
    // cost, once per principal, table and minute); the timed loads are the ones that follow.
    timed.rest.loadEach();
    for (int round = -wanted / 10; round < wanted; round++) {
      long nanos = timed.run(Operation.REST_LOAD_TABLE);
      if (round >= 0) {
        latencies.add(nanos);
      }
    }
  }

  /** Runs one operation on random products and principals, and returns how long it took. */
  private static final class Timed {
    private final Governance governance;
    private final RestLoads rest;
    private final SupportsAudit audit;
    private final int products;
    private final Random random = new Random(20_261_125L);
    private long snapshot = 1;

    Timed(Governance governance, RestLoads rest, int products) {
      this.governance = governance;
      this.rest = rest;
      this.audit = (SupportsAudit) governance.catalog();
      this.products = products;
    }

    private static AuditEvent refusal(Principal reader, TableId table) {
      return AuditEvent.draft(
          ScaleMesh.GOVERNANCE,
          reader,
          reader.account(),
          AuditAction.SELECT,
          "table " + table,
          "",
          "",
          AuditEvent.Outcome.REFUSED,
          "missing SELECT (no grant on the table, its columns, its database or a matching LF-tag"
              + " policy)",
          Instant.now());
    }

    long run(Operation op) {
      int product = random.nextInt(products);
      TableId table = ScaleMesh.table(product);
      // A consumer principal that holds a table or column grant on the product.
      Principal reader =
          ScaleMesh.directGrantee(
              product, random.nextInt(ScaleMesh.TABLE_GRANTS + ScaleMesh.COLUMN_GRANTS));
      if (op == Operation.REST_LOAD_TABLE) {
        return rest.load(random); // times the HTTP round trip only
      }
      long start = System.nanoTime();
      switch (op) {
        case PUBLISH ->
            governance.publish(
                ScaleMesh.ownerOf(product), ScaleMesh.publication(product, ++snapshot));
        case GET_TABLE -> governance.describe(reader, table);
        case SEARCH -> governance.searchPage(reader, ScaleMesh.search(random.nextInt(1 << 16)));
        case ENTITLEMENT_CHECK -> governance.checkSelect(reader, table);
        case AUDIT_APPEND -> audit.append(refusal(reader, table));
        case CHECKPOINT -> {
          audit.append(refusal(reader, table));
          audit.checkpointAudit();
        }
        case REST_LOAD_TABLE -> throw new IllegalStateException("timed by RestLoads");
      }
      return System.nanoTime() - start;
    }
  }
}
