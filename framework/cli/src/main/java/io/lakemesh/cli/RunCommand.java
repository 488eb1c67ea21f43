package io.lakemesh.cli;

import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.runtime.Json;
import io.lakemesh.runtime.Plural;
import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.RunOutlook;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.spec.ProductSpec;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run a product's job: read, transform, write to an audit branch, check quality, publish.")
final class RunCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Parameters(paramLabel = "PRODUCT", description = "The product, DOMAIN.NAME (e.g. sales.orders).")
  String product;

  @Option(
      names = "--run-id",
      paramLabel = "ID",
      description = "Run id (default: time-based). Reusing one re-runs that run.")
  String runId;

  @Option(
      names = "--source",
      paramLabel = "NAME=PATH",
      description = "Read the named file source from PATH instead.")
  Map<String, String> sources = new LinkedHashMap<>();

  @Option(
      names = "--json",
      description =
          "Print the run report as JSON: {product, runId, status, message, table,"
              + " previousSnapshotId, stagedSnapshotId, publishedSnapshotId, auditBranch, sourceRows, outputRows, quality,"
              + " constraints, stageMillis, quarantine: {rows, fraction, rules: {rule: rows}, table}}; keys without a value"
              + " are left out.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      ProductSpec spec = env.specs().load(product);
      ProducerJob job = env.producerJob(System.err);
      ProducerJob.Options options = new ProducerJob.Options(runId, sources);
      if (Compilers.quick() && handsOn(job, spec, options)) {
        closing.close(); // the other JVM opens the catalog itself
        return Compilers.withBoth(LakemeshCli.launchArguments());
      }
      RunReport report = job.run(spec, options);
      print(report, System.out, json);
      return report.exitCode();
    }
  }

  /** Whether this JVM, started with the quick compiler alone, should hand the run on. */
  private static boolean handsOn(ProducerJob job, ProductSpec spec, ProducerJob.Options options) {
    RunOutlook outlook;
    try {
      outlook = job.outlook(spec, options);
    } catch (RuntimeException e) {
      return false; // the run meets the same error here, and records it
    }
    if (!Compilers.wantsOptimising(outlook, Compilers.limit())) {
      return false;
    }
    System.err.printf(
        "[%s] %s to read: continuing in a JVM with the optimising compiler%n",
        spec.id(),
        outlook.bytesToRead().isPresent()
            ? Compilers.size(outlook.bytesToRead().getAsLong())
            : "an amount not known before Spark starts");
    return true;
  }

  static void print(RunReport report, PrintStream out, boolean json) {
    if (json) {
      out.println(Json.pretty(report));
      return;
    }
    out.printf(
        "%s  run %s  %s%n  %s%n",
        report.product(), report.runId(), report.status(), report.message());
    if (!report.sourceRows().isEmpty() || report.outputRows() != null) {
      out.printf(
          "  rows: %s -> %s%n",
          report.sourceRows(), report.outputRows() == null ? "-" : report.outputRows());
    }
    if (report.quality() != null) {
      out.printf("  quality: %s%n", report.quality());
    }
    for (ConstraintResult c : report.constraints()) {
      if (c.status() == ConstraintResult.Status.FAILURE) {
        out.printf(
            "    %s %s: %s%s%n",
            c.blocking() ? "FAIL" : "WARN",
            c.rule(),
            c.message(),
            c.examples() == null ? "" : "; e.g. " + c.examples());
      }
    }
    if (report.quarantine() != null) {
      out.printf(
          "  quarantined: %s (%s of the batch) in %s%n",
          Plural.of(report.quarantine().rows(), "row"),
          report.quarantine().percent(),
          report.quarantine().table());
      report
          .quarantine()
          .rules()
          .forEach((rule, rows) -> out.printf("    %s: %s%n", rule, Plural.of(rows, "row")));
    }
    out.printf("  stages (ms): %s%n", report.stageMillis());
  }
}
