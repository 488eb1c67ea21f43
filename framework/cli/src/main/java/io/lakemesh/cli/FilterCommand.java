package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.rules.GovernanceService;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Data filters (Lake Formation's data cells filters): the producer's named row and column cuts. */
@Command(
    name = "filter",
    mixinStandardHelpOptions = true,
    description =
        "Data filters: a named cut of a table (a row predicate and the columns shown), created by"
            + " its producer and granted like a table (grant --filter NAME).",
    subcommands = {
      FilterCommand.Create.class,
      FilterCommand.ListFilters.class,
      FilterCommand.Drop.class
    })
final class FilterCommand extends ParentCommand {
  /** The keys of a data filter in JSON. */
  static final String FILTER_KEYS = "{table, name, rowFilter, includedColumns, excludedColumns}";

  private static final String ROW = "%-30s %-20s %-32s %s%n";

  static void print(DataFilter f) {
    String columns =
        !f.includedColumns().isEmpty()
            ? "columns " + String.join(",", f.includedColumns())
            : f.excludedColumns().isEmpty()
                ? "all columns"
                : "all columns but " + String.join(",", f.excludedColumns());
    System.out.printf(
        ROW, f.table(), f.name(), columns, f.allRows() ? "all rows" : "where " + f.rowFilter());
  }

  /** The principal acting on a table's filters: --as, else the table's producer. */
  private static Principal actor(String as, TableId table) {
    return as != null ? Principal.parse(as) : Principal.administrator(table.catalog());
  }

  /** A filter by table and name, and who acts on it (create and drop). */
  static final class Named {
    @Parameters(
        index = "0",
        paramLabel = "D.N",
        description = "The product table, DB.TABLE (or ACCOUNT:DB.TABLE).")
    String table;

    @Parameters(
        index = "1",
        paramLabel = "NAME",
        description = "The filter's name, unique per table.")
    String name;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description =
            "The producer's administrator or its governance account (default: the table's"
                + " producer).")
    String as;

    TableId table() {
      return Tables.parse(table);
    }

    Principal actor() {
      return FilterCommand.actor(as, table());
    }
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a data filter on a table of the producer: the rows --where keeps (default: all)"
              + " and the columns --columns names or --exclude-columns leaves out (default: all).")
  static final class Create implements Callable<Integer> {
    @Mixin Environment env;
    @Mixin Named filter;

    @Option(
        names = "--where",
        paramLabel = "SQL",
        description = "A SQL predicate over the table's columns, e.g. \"country = 'US'\".")
    String where;

    @Option(
        names = "--columns",
        split = ",",
        paramLabel = "C",
        description = "Show only these columns.")
    List<String> columns = new ArrayList<>();

    @Option(
        names = "--exclude-columns",
        split = ",",
        paramLabel = "C",
        description = "Show every column but these.")
    List<String> excluded = new ArrayList<>();

    @Option(names = "--json", description = "Print the filter as JSON: " + FILTER_KEYS + ".")
    boolean json;

    @Override
    public Integer call() {
      if (!columns.isEmpty() && !excluded.isEmpty()) {
        throw new InvalidConfigException(
            "--columns", "give --columns or --exclude-columns, not both");
      }
      try (Environment closing = env) {
        DataFilter created =
            env.governance()
                .createFilter(
                    filter.actor(),
                    new DataFilter(filter.table(), filter.name, where, columns, excluded));
        JsonOutput.print(json, created, "created " + created);
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "The data filters of a table (its producer sees all, others those granted to them);"
              + " without D.N, those of every table in --as's catalog.")
  static final class ListFilters implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(
        arity = "0..1",
        paramLabel = "D.N",
        description = "A table, DB.TABLE (or ACCOUNT:DB.TABLE).")
    String table;

    @Option(
        names = "--as",
        paramLabel = "WHO",
        description = "The principal (default with D.N: the table's producer; required without).")
    String actor;

    @Option(names = "--json", description = "Print JSON: [" + FILTER_KEYS + "].")
    boolean json;

    @Override
    public Integer call() {
      if (table == null && actor == null) {
        throw new InvalidConfigException(
            "--as", "filter list without D.N lists --as's tables: give --as or a table");
      }
      try (Environment closing = env) {
        List<DataFilter> filters;
        if (table != null) {
          TableId id = Tables.parse(table);
          filters = env.governance().filters(actor(actor, id), id);
        } else {
          filters = everyTable(env.governance(), Principal.parse(actor));
        }
        if (json) {
          JsonOutput.print(filters);
        } else {
          System.out.printf(ROW, "TABLE", "FILTER", "COLUMNS", "ROWS");
          filters.forEach(FilterCommand::print);
        }
        return 0;
      }
    }

    private static List<DataFilter> everyTable(GovernanceService governance, Principal as) {
      Set<DataFilter> out = new LinkedHashSet<>();
      for (String database : governance.databases(as)) {
        for (String t : governance.tables(as, database)) {
          out.addAll(governance.filters(as, TableId.of(as.account(), database, t)));
        }
      }
      return List.copyOf(out);
    }
  }

  @Command(
      name = "drop",
      mixinStandardHelpOptions = true,
      description =
          "Drop a data filter; every grant made on it and every request for it end with it.")
  static final class Drop implements Callable<Integer> {
    @Mixin Environment env;
    @Mixin Named filter;

    @Option(names = "--json", description = "Print JSON: {dropped, table}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        TableId id = filter.table();
        env.governance().dropFilter(filter.actor(), id, filter.name);
        JsonOutput.print(
            json,
            JsonOutput.object("dropped", filter.name, "table", id.toString()),
            "dropped data filter " + filter.name + " on " + id);
        return 0;
      }
    }
  }
}
