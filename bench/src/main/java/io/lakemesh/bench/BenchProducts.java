package io.lakemesh.bench;

import io.lakemesh.catalog.CatalogLoader;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.spec.ProductSpec;
import io.lakemesh.spec.SpecLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * The benchmark's products: generated {@code sales.orders} written by the real producer job, in
 * domain {@code bench}, one fresh table per run so that no run appends to another's. The specs
 * differ only in their quality rules.
 */
final class BenchProducts implements AutoCloseable {
  static final String ACCOUNT = "bench";
  static final String SCHEMA =
      "order_id STRING, customer_id STRING, product_id STRING, quantity INT, unit_price DECIMAL(12,2), "
          + "currency STRING, order_ts TIMESTAMP, status STRING, country STRING";
  static final String TRANSFORM =
      "SELECT order_id, customer_id, product_id, quantity, unit_price, currency, order_ts, status, country,\n"
          + "       CAST(quantity * unit_price AS DECIMAL(12,2)) AS amount\nFROM orders\n";

  /** The uniqueness rule: the one rule of the standard set that needs more than a scan. */
  static final String UNIQUE = "{ type = unique, column = order_id }";

  /** The standard rule set: 12 constraints over 9 columns, one of them a uniqueness. */
  static final List<String> STANDARD =
      List.of(
          "{ type = size, min = 1 }",
          UNIQUE,
          "{ type = completeness, column = order_id }",
          "{ type = completeness, column = customer_id }",
          "{ type = completeness, column = order_ts }",
          "{ type = range, column = quantity, min = 1, max = 10 }",
          "{ type = non-negative, column = unit_price }",
          "{ type = allowed-values, column = currency, values = [USD, EUR, GBP] }",
          "{ type = allowed-values, column = status, values = [placed, shipped, delivered, cancelled] }",
          "{ type = pattern, column = country, regex = \"[A-Z]{2}\" }",
          "{ type = sql, name = amount_is_quantity_times_price, predicate = \"amount = quantity * unit_price\" }",
          "{ type = freshness, column = order_ts, max-age = 3650d }");

  /**
   * The rule types that judge one row at a time: the ones that may quarantine rows instead of
   * rejecting.
   */
  private static final Pattern ROW_LEVEL =
      Pattern.compile("type = (completeness|range|non-negative|allowed-values|pattern|sql),");

  /**
   * The same rules with every row-level one set to quarantine its failing rows ({@code on-fail =
   * quarantine}).
   */
  static List<String> quarantining(List<String> rules) {
    return rules.stream()
        .map(
            r ->
                ROW_LEVEL.matcher(r).find()
                    ? r.replaceFirst("\\s*}$", ", on-fail = quarantine }")
                    : r)
        .toList();
  }

  private final Path products;
  final LakemeshConfig config;
  final GovernanceCatalog catalog;
  private final SparkSession spark;

  BenchProducts(Path home, SparkSession spark) {
    this.products = home.resolve("products");
    this.config = config(home);
    this.catalog = CatalogLoader.load("jdbc", "lakemesh", config.catalogProperties());
    this.spark = spark;
  }

  /**
   * The settings bin/lakemesh runs with ({@code conf/lakemesh.conf}), on a home of the benchmark's
   * own.
   */
  static LakemeshConfig config(Path home) {
    Path file = Path.of(System.getProperty("lakemesh.root", ".")).resolve("conf/lakemesh.conf");
    return LakemeshConfig.load(Files.exists(file) ? file : null, home);
  }

  /** Writes the spec of product {@code bench.NAME} with these rules and returns it. */
  ProductSpec spec(String name, List<String> rules) {
    return spec(name, rules, "");
  }

  /**
   * The same, with {@code extra} settings appended to the spec text (later settings win, and
   * objects merge: {@code table { mode = merge, keys = [order_id] }} makes it a merge product).
   */
  ProductSpec spec(String name, List<String> rules, String extra) {
    Path dir = products.resolve(ACCOUNT);
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("orders.sql"), TRANSFORM);
      Files.writeString(dir.resolve(name + ".conf"), specText(name, rules) + extra + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SpecLoader(products).load(ACCOUNT + "." + name);
  }

  /** The job, reading its orders from {@code csv}; fails unless it published. */
  RunReport run(ProductSpec spec, Path csv) {
    return run(spec, csv, null);
  }

  /** As above, the run's progress lines written to {@code progress}. */
  RunReport run(ProductSpec spec, Path csv, PrintStream progress) {
    RunReport report =
        new ProducerJob(config, catalog, spark, progress)
            .run(spec, new ProducerJob.Options(null, Map.of("orders", csv.toString())));
    if (report.status() != JobRun.Status.PUBLISHED) {
      throw new IllegalStateException(
          spec.id() + " did not publish: " + report.status() + " " + report.message());
    }
    return report;
  }

  /** Columns nullable, so that a spec without rules gets no implicit completeness rules either. */
  private static String specText(String name, List<String> rules) {
    return """
        domain = bench
        name = %s
        version = 1
        owner { team = "Benchmarks", contact = "bench@example.com" }
        description = "Generated sales orders for the quality benchmark"
        tags { domain = bench }
        sla.freshness = 24h
        sources {
          orders {
            format = csv
            path = "orders.csv"
            options { header = "true", timestampFormat = "yyyy-MM-dd'T'HH:mm:ss" }
            schema = "%s"
          }
        }
        transform.sql = orders.sql
        table { partitioning = ["months(order_ts)"], mode = append }
        schema = [
          { name = order_id,    type = string }
          { name = customer_id, type = string }
          { name = product_id,  type = string }
          { name = quantity,    type = int }
          { name = unit_price,  type = "decimal(12,2)" }
          { name = currency,    type = string }
          { name = order_ts,    type = timestamp }
          { name = status,      type = string }
          { name = country,     type = string }
          { name = amount,      type = "decimal(12,2)" }
        ]
        quality.rules = [
        %s
        ]
        """
        .formatted(name, SCHEMA, String.join("\n", rules));
  }

  /** The table of product {@code bench.NAME} as Spark names it. */
  static String table(String name) {
    return ACCOUNT + "." + ACCOUNT + "." + name;
  }

  @Override
  public void close() {
    catalog.close();
  }
}
