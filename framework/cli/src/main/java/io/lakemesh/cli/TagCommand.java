package io.lakemesh.cli;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.TagTarget;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "tag",
    mixinStandardHelpOptions = true,
    description = "LF-tags: define them, assign them, list them.",
    subcommands = {TagCommand.Create.class, TagCommand.Assign.class, TagCommand.ListTags.class})
final class TagCommand extends ParentCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Define an LF-tag with its allowed values.")
  static final class Create implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "KEY")
    String key;

    @Option(names = "--values", required = true, split = ",", paramLabel = "V")
    List<String> values;

    @Option(names = "--as", required = true, paramLabel = "WHO")
    String actor;

    @Option(
        names = "--catalog",
        paramLabel = "ACCOUNT",
        description = "Catalog that keeps the tag (default: the actor's).")
    String catalog;

    @Option(names = "--json", description = "Print the tag as JSON: {key, allowedValues}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        Principal as = Principal.parse(actor);
        LfTag tag =
            catalog == null
                ? env.governance().createTag(as, LfTag.of(key, values))
                : env.governance().createTag(as, catalog, LfTag.of(key, values));
        JsonOutput.print(json, tag, "created " + tag);
        return 0;
      }
    }
  }

  @Command(
      name = "assign",
      mixinStandardHelpOptions = true,
      description =
          "Assign KEY=VALUE to a database, a table or a column; values inherit downwards.")
  static final class Assign implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "KEY=VALUE")
    String assignment;

    @Option(names = "--as", required = true, paramLabel = "WHO")
    String actor;

    @Option(names = "--table", paramLabel = "D.T")
    String table;

    @Option(names = "--column", paramLabel = "C", description = "A column of --table.")
    String column;

    @Option(names = "--database", paramLabel = "D")
    String database;

    @Option(names = "--json", description = "Print JSON: {target, key, value}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
          throw new InvalidConfigException(
              "KEY=VALUE", "expected KEY=VALUE, got '" + assignment + "'");
        }
        TagTarget target =
            database != null
                ? TagTarget.database(DatabaseId.of(database, database))
                : column != null
                    ? TagTarget.column(Tables.parse(table), column)
                    : TagTarget.table(Tables.parse(table));
        String key = assignment.substring(0, eq);
        String value = assignment.substring(eq + 1);
        env.governance().assignTag(Principal.parse(actor), target, key, value);
        JsonOutput.print(
            json,
            JsonOutput.object("target", target.toString(), "key", key, "value", value),
            "tagged " + target + " " + assignment);
        return 0;
      }
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The LF-tags a catalog keeps.")
  static final class ListTags implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(paramLabel = "ACCOUNT")
    String catalog;

    @Option(names = "--json", description = "Print JSON: [{key, allowedValues}].")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        List<LfTag> tags = env.governance().tags(catalog);
        if (json) {
          JsonOutput.print(tags);
          return 0;
        }
        System.out.printf("%-24s %s%n", "KEY", "VALUES");
        tags.forEach(
            t -> System.out.printf("%-24s %s%n", t.key(), String.join(", ", t.allowedValues())));
        return 0;
      }
    }
  }
}
