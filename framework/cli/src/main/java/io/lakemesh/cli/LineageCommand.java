package io.lakemesh.cli;

import io.lakemesh.catalog.LineageEvent;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "lineage",
    mixinStandardHelpOptions = true,
    description =
        "Lineage events that read or write a dataset, newest first: run, job, inputs and outputs.")
final class LineageCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Mixin ReaderOption reader;

  @Parameters(
      paramLabel = "DATASET",
      description =
          "A product table, DB.TABLE or ACCOUNT:DB.TABLE, or a dataset name as lineage records it"
              + " (lakemesh://sales/sales.orders, file:/data/orders.csv).")
  String dataset;

  @Option(
      names = "--limit",
      defaultValue = "20",
      description = "At most this many events (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print JSON: [{runId, job, eventTime, inputs, outputs, document}],"
              + " document the OpenLineage run event as text.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      String name = dataset.contains("/") ? dataset : LineageEvent.dataset(Tables.parse(dataset));
      List<LineageEvent> events = reader.catalog(env).lineage(name, limit);
      if (json) {
        JsonOutput.print(events);
        return 0;
      }
      System.out.printf("%-24s %-24s %-20s %s%n", "TIME", "RUN", "JOB", "INPUTS -> OUTPUTS");
      for (LineageEvent e : events) {
        System.out.printf(
            "%-24s %-24s %-20s %s -> %s%n",
            Timestamps.of(e.eventTime()),
            e.runId(),
            e.job(),
            String.join(", ", e.inputs()),
            String.join(", ", e.outputs()));
      }
      return 0;
    }
  }
}
