package io.lakemesh.cli;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.QuarantineTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.quality.QuarantinedRows;
import io.lakemesh.runtime.Plural;
import io.lakemesh.runtime.WarehouseCatalogs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The rows a product's quality gate set aside ({@code on-fail = quarantine}), as its producer and
 * governance inspect them. Whoever else asks is refused by the same rule as every other read of a
 * quarantine table (exit 4, and why).
 */
@Command(
    name = "quarantine",
    mixinStandardHelpOptions = true,
    description =
        "Rows set aside by quarantine rules: counts per run and rule (list), the rows (show),"
            + " re-submitted once fixed (release). Producer and governance only.",
    subcommands = {
      QuarantineCommand.ListCounts.class,
      QuarantineCommand.Show.class,
      QuarantineReleaseCommand.class
    })
final class QuarantineCommand extends ParentCommand {
  private static final String LIST_KEYS = "product, rows, byRun, byRule, oldestQuarantinedAt";

  /** The principal acting: --as, else the product's producer. */
  private static Principal actor(String as, TableId product) {
    return as != null ? Principal.parse(as) : Principal.administrator(product.catalog());
  }

  /** The rows of the product's quarantine table the actor may read; empty when there is none. */
  private static <T> T read(
      Environment env,
      Principal actor,
      TableId product,
      BiFunction<QuarantinedRows, AccessDecision, T> what,
      T none) {
    AccessDecision decision = env.governance().checkSelect(actor, QuarantineTable.of(product));
    try (WarehouseCatalogs warehouses =
        new WarehouseCatalogs(env.config().warehouse(), env.mesh())) {
      Optional<QuarantinedRows> rows =
          QuarantinedRows.in(warehouses.of(decision.target().catalog()), decision.target());
      return rows.map(r -> what.apply(r, decision)).orElse(none);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Rows in quarantine per product of --as's account (or of D.N): by run, by rule, and"
              + " when the oldest was set aside.")
  static final class ListCounts implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(
        arity = "0..1",
        paramLabel = "D.N",
        description = "One product (default: all of --as's, or of the mesh's only producer).")
    String product;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description =
            "Act as this principal (default: the product's producer, else the mesh's only producer).")
    String as;

    @Option(names = "--json", description = "Print JSON: [{" + LIST_KEYS + "}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        String actingAs = actingAs();
        Map<TableId, QuarantinedRows.Summary> found = new LinkedHashMap<>();
        for (TableId id : products(actingAs)) {
          QuarantinedRows.Summary s =
              read(env, actor(actingAs, id), id, (rows, d) -> rows.summary(), null);
          if (s != null) {
            found.put(id, s);
          }
        }
        if (json) {
          JsonOutput.print(
              found.entrySet().stream()
                  .map(
                      e ->
                          JsonOutput.object(
                              "product", e.getKey().qualifiedName(),
                              "rows", e.getValue().rows(),
                              "byRun", e.getValue().byRun(),
                              "byRule", e.getValue().byRule(),
                              "oldestQuarantinedAt", e.getValue().oldest()))
                  .toList());
          return 0;
        }
        if (found.isEmpty()) {
          System.out.println("no rows in quarantine");
        }
        found.forEach(
            (id, s) ->
                System.out.printf(
                    "%s  %s in quarantine  oldest %s%n    by run:  %s%n    by rule: %s%n",
                    id.qualifiedName(),
                    Plural.of(s.rows(), "row"),
                    Timestamps.of(s.oldest()),
                    counts(s.byRun()),
                    counts(s.byRule())));
        return 0;
      }
    }

    /**
     * --as; without it and without D.N, the mesh's only producer (with several, which one to list
     * cannot be guessed: the error names them).
     */
    private String actingAs() {
      if (as != null || product != null) {
        return as;
      }
      List<String> producers = env.mesh().producers().stream().map(a -> a.id()).toList();
      if (producers.size() != 1) {
        throw new InvalidConfigException(
            "--as",
            "quarantine list without D.N lists the products of --as's account,"
                + " and this mesh has "
                + Plural.of(producers.size(), "producer")
                + (producers.isEmpty() ? "" : " (" + String.join(", ", producers) + ")")
                + ": give --as ACCOUNT, one of them, or a product D.N");
      }
      return Principal.administrator(producers.get(0)).toString();
    }

    /** D.N, or the products of {@code as}'s own account (quarantine tables are not products). */
    private List<TableId> products(String as) {
      if (product != null) {
        return List.of(Tables.parse(product));
      }
      Principal actor = Principal.parse(as);
      return env.catalogAs(actor).listTables(actor.account()).stream()
          .map(CatalogTable::id)
          .filter(id -> !QuarantineTable.is(id))
          .toList();
    }

    private static String counts(Map<String, Long> map) {
      return map.isEmpty()
          ? "-"
          : map.entrySet().stream()
              .map(e -> e.getKey() + ": " + e.getValue())
              .collect(Collectors.joining(", "));
    }
  }

  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "The rows in quarantine of a product, with the rules each broke (_rules), the run that set"
              + " it aside (_run_id) and when (_quarantined_at).")
  static final class Show implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "D.N")
    String product;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description = "Act as this principal (default: the product's producer).")
    String as;

    @Option(names = "--run", paramLabel = "RUN", description = "Rows of this run only.")
    String run;

    @Option(names = "--rule", paramLabel = "NAME", description = "Rows that broke this rule only.")
    String rule;

    @Option(
        names = "--limit",
        defaultValue = "20",
        description = "Rows to print at most (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(
        names = "--json",
        description =
            "Print JSON: [{COLUMN: value}], one object per row: the product's columns, then _run_id,"
                + " _rules, _quarantined_at.")
    boolean json;

    @Override
    public Integer call() {
      if (limit < 1) {
        throw new InvalidConfigException("--limit", "--limit must be at least 1, not " + limit);
      }
      try (Environment closing = env) {
        TableId id = Tables.parse(product);
        List<Map<String, Object>> rows =
            read(
                env,
                actor(as, id),
                id,
                (r, decision) -> r.rows(decision.visibleColumnNames(), run, rule, limit),
                List.of());
        if (json) {
          JsonOutput.print(rows);
          return 0;
        }
        if (rows.isEmpty()) {
          System.out.println("no rows in quarantine for " + id.qualifiedName() + filters());
          return 0;
        }
        System.out.println(String.join("\t", rows.get(0).keySet()));
        for (Map<String, Object> row : rows) {
          System.out.println(
              row.values().stream().map(String::valueOf).collect(Collectors.joining("\t")));
        }
        System.out.println(
            Plural.of(rows.size(), "row") + (rows.size() == limit ? " (--limit)" : ""));
        return 0;
      }
    }

    private String filters() {
      return (run == null ? "" : " of run " + run) + (rule == null ? "" : " breaking " + rule);
    }
  }
}
