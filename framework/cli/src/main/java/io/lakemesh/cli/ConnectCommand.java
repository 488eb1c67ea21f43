package io.lakemesh.cli;

import io.lakemesh.governance.Principal;
import io.lakemesh.governance.connect.ConnectionGuide;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.connect.Engine;
import io.lakemesh.governance.service.GovernanceServices;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** "How do I query this": the guide of {@link ConnectionGuides}, as the web UI shows it too. */
@Command(
    name = "connect",
    mixinStandardHelpOptions = true,
    description =
        "Print how a principal queries a product from an engine: through the Iceberg REST"
            + " catalog with a table-level grant, through the governed engines with column grants or a"
            + " data filter, or the request-access command to run first; then the engine's settings"
            + " (the token as $"
            + ConnectionGuides.TOKEN_VARIABLE
            + ", never its secret) and a first query.")
final class ConnectCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Parameters(paramLabel = "PRODUCT", description = "The product, DB.TABLE (or ACCOUNT:DB.TABLE).")
  String product;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "WHO",
      description = "The principal that reads.")
  String actor;

  @Option(
      names = "--engine",
      paramLabel = "ENGINE",
      defaultValue = "spark",
      description = "spark, trino, pyiceberg or duckdb (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(
      names = "--server",
      paramLabel = "URL",
      description =
          "The catalog server's URL (default: the config's lakemesh.catalog.url, else "
              + ConnectionGuides.DEFAULT_SERVER
              + ").")
  String server;

  @Option(
      names = "--json",
      description =
          "Print the guide as JSON: {principal, product, engine, readPath,"
              + " catalogUri, table, linked, summary, steps, settings, query}.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      Engine chosen = Engine.parse(engine);
      String url = server != null ? server : GovernanceServices.serverUrl(env.config());
      ConnectionGuide guide =
          new ConnectionGuides(env.governance())
              .guide(Principal.parse(actor), Tables.parse(product), chosen, url);
      JsonOutput.print(json, guide, text(guide));
      return 0;
    }
  }

  private static String text(ConnectionGuide g) {
    StringBuilder out = new StringBuilder();
    out.append(g.product())
        .append(" as ")
        .append(g.principal())
        .append(" from ")
        .append(g.engine())
        .append(": ")
        .append(g.readPath())
        .append('\n')
        .append(g.summary())
        .append('\n');
    if (!g.steps().isEmpty()) {
      out.append("\nFirst:\n");
      g.steps().forEach(s -> out.append("  ").append(s).append('\n'));
    }
    if (!g.settings().isEmpty()) {
      out.append("\nSettings:\n").append(g.settings().indent(2));
      out.append("\nFirst query:\n").append(g.query().indent(2));
    }
    return out.toString().stripTrailing();
  }
}
