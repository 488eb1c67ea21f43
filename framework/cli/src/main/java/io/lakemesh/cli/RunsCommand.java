package io.lakemesh.cli;

import io.lakemesh.catalog.JobRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "runs",
    mixinStandardHelpOptions = true,
    description = "Recent job runs, newest first.")
final class RunsCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Mixin ReaderOption reader;

  @Option(
      names = "--product",
      paramLabel = "DOMAIN.NAME",
      description = "Only this product's runs.")
  String product;

  // As run and quality history take it: `runs sales.orders` is what one types after `run`.
  @Parameters(
      arity = "0..1",
      paramLabel = "PRODUCT",
      description = "Only this product's runs (the same as --product).")
  String named;

  @Spec CommandSpec spec;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most this many runs (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print JSON: [{runId, product, table, status, startedAt, endedAt,"
              + " snapshotId, message, report}], report as run --json prints it, as text.")
  boolean json;

  @Override
  public Integer call() {
    if (named != null && product != null && !named.equals(product)) {
      throw new ParameterException(
          spec.commandLine(),
          "runs names two products, " + named + " and --product " + product + "; give one");
    }
    try (Environment closing = env) {
      List<JobRun> runs = reader.catalog(env).listJobRuns(named != null ? named : product, limit);
      if (json) {
        JsonOutput.print(runs);
        return 0;
      }
      System.out.printf(
          "%-24s %-18s %-10s %-22s %s%n", "RUN", "PRODUCT", "STATUS", "STARTED", "MESSAGE");
      for (JobRun r : runs) {
        System.out.printf(
            "%-24s %-18s %-10s %-22s %s%n",
            r.runId(),
            r.product(),
            r.status(),
            Timestamps.of(r.startedAt()),
            r.message() == null ? "" : r.message());
      }
      return 0;
    }
  }
}
