package io.lakemesh.cli;

import io.lakemesh.runtime.ProducerJob;
import io.lakemesh.runtime.QuarantineRelease;
import io.lakemesh.runtime.RunReport;
import io.lakemesh.spec.ProductSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "release",
    mixinStandardHelpOptions = true,
    description =
        "Re-submit quarantined rows through the product's gate and write: the rows that now pass are"
            + " published and leave the quarantine table in the same run; those still failing stay with the rules they"
            + " now break. Producer only. Exit codes as for run.")
final class QuarantineReleaseCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Parameters(paramLabel = "PRODUCT", description = "The product, DOMAIN.NAME (e.g. sales.orders).")
  String product;

  @Option(names = "--run", paramLabel = "RUN", description = "Only the rows set aside by this run.")
  String run;

  @Option(
      names = "--where",
      paramLabel = "SQL",
      description =
          "Only the rows matching this predicate"
              + " (on the quarantine table's columns, e.g. \"currency = 'usd'\").")
  String where;

  @Option(
      names = "--set",
      paramLabel = "COL = EXPR",
      description =
          "A fix applied to every released row"
              + " (e.g. \"currency = upper(currency)\"); repeatable.")
  List<String> sets = new ArrayList<>();

  @Option(names = "--json", description = "Print the run report as JSON, as run --json does.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      ProductSpec spec = env.specs().load(product);
      QuarantineRelease release = new QuarantineRelease(run, where, QuarantineRelease.fixes(sets));
      RunReport report =
          env.producerJob(System.err).run(spec, new ProducerJob.Options(null, Map.of(), release));
      RunCommand.print(report, System.out, json);
      return report.exitCode();
    }
  }
}
