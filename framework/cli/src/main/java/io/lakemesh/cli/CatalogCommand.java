package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.GovernanceCatalog;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.QualityVerdict;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.rules.Freshness;
import io.lakemesh.quality.QuarantineCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "catalog",
    mixinStandardHelpOptions = true,
    description = "Browse the governance catalog.",
    subcommands = {
      CatalogCommand.ListTables.class,
      CatalogCommand.Show.class,
      CatalogCommand.Versions.class
    })
final class CatalogCommand extends ParentCommand {

  /** The keys of a table entry in JSON. */
  static final String TABLE_KEYS =
      "{id, columns, location, format, partitioning, parameters, version, updatedAt}";

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List published tables.")
  static final class ListTables implements Callable<Integer> {
    @Mixin Environment env;

    @Mixin ReaderOption reader;

    @Option(names = "--json", description = "Print JSON: [" + TABLE_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<CatalogTable> tables = reader.catalog(env).listTables(null);
        if (json) {
          JsonOutput.print(tables);
          return 0;
        }
        System.out.printf(
            "%-28s %-10s %-22s %10s  %s%n", "TABLE", "VERSION", "SNAPSHOT", "ROWS", "QUALITY");
        for (CatalogTable t : tables) {
          System.out.printf(
              "%-28s %-10d %-22s %10s  %s%n",
              t.id(),
              t.version(),
              t.parameter(TableParameters.SNAPSHOT_ID).orElse("-"),
              t.parameter(TableParameters.ROW_COUNT).orElse("-"),
              t.parameter(TableParameters.QUALITY_STATUS).orElse("-"));
        }
        return 0;
      }
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "Show a table: schema, snapshot, owner, tags, SLA, the quality of the published"
              + " data (and the last attempt apart when it was rejected) and lineage.")
  static final class Show implements Callable<Integer> {
    @Mixin Environment env;

    @Mixin ReaderOption reader;

    @Parameters(
        paramLabel = "DB.TABLE",
        description =
            "The table, DB.TABLE (in the account named like the database) or ACCOUNT:DB.TABLE.")
    String table;

    @Option(
        names = "--json",
        description =
            "Print JSON: {table, freshness, latestQuality, lineage}: table as in catalog list,"
                + " freshness {state, lastChecked, lastChanged, breachedSince} against the SLA, latestQuality as in quality history,"
                + " lineage [{runId, job, inputs, outputs}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        TableId id = Tables.parse(table);
        GovernanceCatalog catalog = reader.catalog(env);
        CatalogTable entry = catalog.loadTable(id);
        List<QualityRun> runs = catalog.qualityHistory(id, QualityVerdict.RUNS_READ);
        QualityVerdict verdict = QualityVerdict.of(Optional.of(entry), runs);
        List<LineageEvent> lineage = catalog.lineage(LineageEvent.dataset(id), 10);
        Freshness freshness = env.governance().freshness(reader.principal(env, id.catalog()), id);
        if (json) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("table", entry);
          out.put("freshness", freshness);
          out.put("quality", verdict);
          out.put("latestQuality", runs.isEmpty() ? null : runs.get(0));
          out.put(
              "lineage",
              lineage.stream()
                  .map(
                      l ->
                          Map.of(
                              "runId",
                              l.runId(),
                              "job",
                              l.job(),
                              "inputs",
                              l.inputs(),
                              "outputs",
                              l.outputs()))
                  .toList());
          JsonOutput.print(out);
          return 0;
        }
        System.out.printf(
            "%s  (version %d, %s, %s)%n",
            entry.id(), entry.version(), entry.format(), entry.location());
        entry.parameters().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(e -> System.out.printf("  %-28s %s%n", e.getKey(), e.getValue()));
        System.out.println("  columns:");
        for (Column c : entry.columns()) {
          System.out.printf(
              "    %-14s %-16s %-9s %s%s%n",
              c.name(),
              c.type(),
              c.nullable() ? "null" : "not null",
              c.pii() ? "[PII] " : "",
              c.comment());
        }
        System.out.println(
            "  " + slaLine(entry.parameter(TableParameters.SLA_FRESHNESS).orElse(""), freshness));
        System.out.println("  " + qualityLine(verdict));
        if (verdict.lastAttemptNote() != null) {
          System.out.println("  " + verdict.lastAttemptNote());
        }
        QuarantineCounts.of(entry).ifPresent(q -> System.out.println("  " + q.line()));
        for (LineageEvent l : lineage) {
          System.out.printf(
              "  lineage: %s <- %s (run %s)%n",
              String.join(", ", l.outputs()), String.join(", ", l.inputs()), l.runId());
        }
        return 0;
      }
    }
  }

  /**
   * The product against its freshness SLA: {@code SLA 24h: BREACHED since ... (last checked ...)}
   * once the monitor recorded a breach, else fresh or stale as of now.
   */
  static String slaLine(String sla, Freshness f) {
    String checked =
        f.lastChecked() == null
            ? "never checked"
            : "last checked " + Timestamps.of(f.lastChecked());
    return switch (f.state()) {
      case NO_SLA -> "SLA: none";
      case NEVER_CHECKED -> "SLA " + SearchCommand.sla(sla) + ": never checked";
      default ->
          "SLA "
              + SearchCommand.sla(sla)
              + ": "
              + (f.breachedSince() != null
                  ? "BREACHED since " + Timestamps.of(f.breachedSince())
                  : f.state() == Freshness.State.STALE
                      ? "stale, no breach recorded yet (lakemesh monitor records it)"
                      : "fresh")
              + " ("
              + checked
              + ")";
    };
  }

  /** The quality of what consumers read: the published run's status, never the last attempt's. */
  static String qualityLine(QualityVerdict verdict) {
    if (verdict.status() == null) {
      return "quality: nothing published";
    }
    QualityRun run = verdict.published();
    return "quality: "
        + verdict.status()
        + (verdict.summary().isEmpty() ? "" : ", " + verdict.summary())
        + (run == null
            ? ""
            : " (published run "
                + run.runId()
                + ", snapshot "
                + run.snapshotId()
                + ", checked "
                + Timestamps.of(run.at())
                + ")");
  }

  @Command(
      name = "versions",
      mixinStandardHelpOptions = true,
      description =
          "Every catalog version of a table, oldest first: its schema and parameters"
              + " at each publish.")
  static final class Versions implements Callable<Integer> {
    @Mixin Environment env;

    @Mixin ReaderOption reader;

    @Parameters(paramLabel = "DB.TABLE", description = "The table, DB.TABLE or ACCOUNT:DB.TABLE.")
    String table;

    @Option(
        names = "--json",
        description = "Print JSON: the table entry of each version, [" + TABLE_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        TableId id = Tables.parse(table);
        GovernanceCatalog catalog = reader.catalog(env);
        // Through the reader's catalog: the versions the API gives that principal, cut alike.
        List<CatalogTable> versions = catalog.tableVersions(id);
        if (versions.isEmpty()) {
          throw UnknownTable.of(catalog, id);
        }
        if (json) {
          JsonOutput.print(versions);
          return 0;
        }
        System.out.printf(
            "%-8s %-24s %-22s %-10s %s%n", "VERSION", "UPDATED", "SNAPSHOT", "QUALITY", "COLUMNS");
        for (CatalogTable v : versions) {
          System.out.printf(
              "%-8d %-24s %-22s %-10s %s%n",
              v.version(),
              Timestamps.of(v.updatedAt()),
              v.parameter(TableParameters.SNAPSHOT_ID).orElse("-"),
              v.parameter(TableParameters.QUALITY_STATUS).orElse("-"),
              v.columns().stream().map(Column::name).toList());
        }
        return 0;
      }
    }
  }
}
