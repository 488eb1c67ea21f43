package io.lakemesh.cli;

import io.lakemesh.catalog.JobRun;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    try (Environment closing = env) {
      List<JobRun> runs = reader.catalog(env).listJobRuns(product, limit);
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
