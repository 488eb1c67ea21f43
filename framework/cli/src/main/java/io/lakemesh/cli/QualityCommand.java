package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityVerdict;
import io.lakemesh.catalog.TableId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "quality",
    mixinStandardHelpOptions = true,
    description = "Quality results of published and rejected runs.",
    subcommands = QualityCommand.History.class)
final class QualityCommand extends ParentCommand {

  @Command(
      name = "history",
      mixinStandardHelpOptions = true,
      description = "Every quality run of a table, newest first.")
  static final class History implements Callable<Integer> {
    @Mixin Environment env;

    @Mixin ReaderOption reader;

    @Parameters(paramLabel = "DB.TABLE")
    String table;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "At most this many runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--json",
        description =
            "Print JSON: [{runId, table, snapshotId, at, outcome, metrics, constraints}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        TableId id = Tables.parse(table);
        GovernanceCatalog catalog = reader.catalog(env);
        List<QualityRun> runs = catalog.qualityHistory(id, limit);
        Optional<CatalogTable> entry = catalog.findTable(id);
        // A table not published yet has runs but no entry; no runs and no entry is a wrong name.
        if (runs.isEmpty() && entry.isEmpty()) {
          throw UnknownTable.of(catalog, id);
        }
        if (json) {
          JsonOutput.print(runs);
          return 0;
        }
        QualityRun published = QualityVerdict.of(entry, runs).published();
        for (QualityRun r : runs) {
          System.out.printf(
              "%s  run %s  snapshot %s  %s%s%n",
              Timestamps.of(r.at()),
              r.runId(),
              r.snapshotId(),
              r.outcome(),
              r == published
                  ? "  (published: what consumers read)"
                  : r.outcome() == QualityRun.Outcome.FAILED ? "  (rejected, not published)" : "");
          for (ConstraintResult c : r.constraints()) {
            System.out.printf(
                "    %-8s %-32s %s%n",
                c.status() == ConstraintResult.Status.SUCCESS
                    ? "ok"
                    : (c.blocking() ? "FAIL" : "WARN"),
                c.rule(),
                c.status() == ConstraintResult.Status.SUCCESS
                    ? ""
                    : c.message() + (c.examples() == null ? "" : "; e.g. " + c.examples()));
          }
        }
        return 0;
      }
    }
  }
}
