package io.lakemesh.cli;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.LinkStatus;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "links",
    mixinStandardHelpOptions = true,
    description = "The resource links in the principal's catalog and where each leads.",
    subcommands = {LinksCommand.Create.class, LinksCommand.Drop.class})
final class LinksCommand implements Callable<Integer> {
  @Mixin Environment env;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  // Not required by picocli: `links create` and `links drop` take their own --as.
  @Option(names = "--as", paramLabel = "WHO", description = "The principal (required).")
  String actor;

  @Option(
      names = "--json",
      description = "Print JSON: [{link, resolvesTo, dangling}], link as {link, target}.")
  boolean json;

  @Override
  public Integer call() {
    if (actor == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--as=WHO'");
    }
    try (Environment closing = env) {
      List<LinkStatus> links = env.governance().links(Principal.parse(actor));
      if (json) {
        JsonOutput.print(links);
        return 0;
      }
      // Each link once, then the table it finally leads to (through any further links).
      System.out.printf("%-40s %-8s %s%n", "LINK", "KIND", "TARGET");
      for (LinkStatus l : links) {
        System.out.printf(
            "%-40s %-8s %s%s%n",
            l.link().name(),
            l.link() instanceof ResourceLink.TableLink ? "table" : "database",
            l.resolvesTo(),
            l.dangling() ? "  (DANGLING: the target is gone)" : "");
      }
      return 0;
    }
  }

  /**
   * A link to a table the account was granted directly: an approved request makes its link itself,
   * a grant does not, and without a link a principal has no name to read the table by.
   */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Create a link in the account's catalog to a table it may describe"
              + " (default name DB_link.TABLE); its principals still need SELECT on the target to read.")
  static final class Create implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The account's administrator (links belong to the account's catalog).")
    String actor;

    @Option(
        names = "--table",
        required = true,
        paramLabel = "D.T",
        description = "The product table to link to, DB.TABLE (or ACCOUNT:DB.TABLE).")
    String table;

    @Option(
        names = "--name",
        paramLabel = "D.T",
        description = "The link's name in the account's catalog (default: DB_link.TABLE).")
    String name;

    @Option(
        names = "--json",
        description =
            "Print JSON: {created, target}; {created: null, exists, target} when it was there.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        Principal principal = Principal.parse(actor);
        ResourceLink link = link(principal.account(), Tables.parse(table), name);
        try {
          env.governance().createLink(principal, link);
        } catch (AlreadyExistsException e) {
          // An approved request makes its link itself: asking for that same link again finds it
          // there, which is what was asked. A name taken by anything else stays a conflict.
          boolean same =
              env.governance().links(principal).stream().anyMatch(l -> l.link().equals(link));
          if (!same) {
            throw e;
          }
          JsonOutput.print(
              json,
              JsonOutput.object(
                  "created", null, "exists", link.name(), "target", link.targetName()),
              link + " is there already (an approved request makes its link); nothing to do");
          return 0;
        }
        JsonOutput.print(
            json,
            JsonOutput.object("created", link.name(), "target", link.targetName()),
            "created " + link);
        return 0;
      }
    }
  }

  @Command(
      name = "drop",
      mixinStandardHelpOptions = true,
      description = "Drop a table link of the account's catalog; the target is untouched.")
  static final class Drop implements Callable<Integer> {
    @Mixin Environment env;

    @Option(
        names = "--as",
        required = true,
        paramLabel = "WHO",
        description = "The account's administrator.")
    String actor;

    @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Parameters(
        paramLabel = "D.T",
        arity = "0..1",
        description = "The link's name in the account's catalog, e.g. sales_link.orders.")
    String link;

    @Option(names = "--name", paramLabel = "D.T", description = "The link's name (instead of D.T).")
    String name;

    @Option(names = "--json", description = "Print JSON: {dropped}.")
    boolean json;

    @Override
    public Integer call() {
      if ((link == null) == (name == null)) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "name the link once, as D.T or --name D.T (its name in 'lakemesh links --as "
                + actor
                + "')");
      }
      try (Environment closing = env) {
        Principal principal = Principal.parse(actor);
        TableId named = TableId.parse(link != null ? link : name, principal.account());
        // The rules find the stored link by its name; the target given here is not consulted.
        ResourceLink.TableLink link = new ResourceLink.TableLink(named, named);
        env.governance().dropLink(principal, link);
        JsonOutput.print(
            json, JsonOutput.object("dropped", named.toString()), "dropped table link " + named);
        return 0;
      }
    }
  }

  private static ResourceLink link(String account, TableId target, String name) {
    return name == null
        ? ResourceLink.defaultTableLink(account, target)
        : new ResourceLink.TableLink(TableId.parse(name, account), target);
  }
}
