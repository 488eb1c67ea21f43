package io.lakemesh.cli;

import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.spark.ConsumerSessions;
import io.lakemesh.runtime.Json;
import io.lakemesh.runtime.Plural;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description =
        "Run SQL as a principal: names resolve in its catalog (e.g. sales_link.orders), reads need SELECT,"
            + " and only granted columns exist.")
final class QueryCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Parameters(paramLabel = "SQL")
  String sql;

  @Option(names = "--as", required = true, paramLabel = "WHO")
  String actor;

  @Option(
      names = "--limit",
      defaultValue = "100",
      description = "Rows to print at most (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--json",
      description =
          "Print rows as JSON: [{COLUMN: value}], one object per row, keyed by"
              + " the result's columns.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      Principal as = Principal.parse(actor);
      try (ConsumerSessions.Session session =
          ConsumerSessions.open(
              LocalSpark.of(env),
              new QueryAccess(env.governance()),
              env.config().warehouse(),
              as)) {
        Dataset<Row> result;
        List<Row> rows;
        try {
          result = session.spark().sql(sql);
          rows = result.limit(limit).collectAsList();
        } catch (Exception e) {
          if (e instanceof LakemeshException l) {
            throw l;
          }
          // Spark throws AnalysisException (checked, but not declared through Scala) for bad SQL.
          if (e instanceof AnalysisException a) {
            throw new InvalidRequestException("query as " + as + ": " + a.getSimpleMessage());
          }
          throw e;
        }
        if (json) {
          List<Map<String, Object>> out = new ArrayList<>();
          for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (String c : result.columns()) {
              Object v = r.get(r.fieldIndex(c));
              m.put(
                  c,
                  v == null
                      ? null
                      : v instanceof Number || v instanceof Boolean ? v : v.toString());
            }
            out.add(m);
          }
          System.out.println(Json.pretty(out));
        } else {
          System.out.println(String.join("\t", result.columns()));
          // A loop, not a lambda: picocli reads every method of a command when the CLI starts,
          // and a lambda over Row is a method that would load Spark's classes for every command.
          for (Row r : rows) {
            System.out.println(r.mkString("\t"));
          }
          System.out.println(Plural.of(rows.size(), "row"));
        }
        return 0;
      }
    }
  }
}
