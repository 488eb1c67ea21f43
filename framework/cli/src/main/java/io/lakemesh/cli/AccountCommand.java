package io.lakemesh.cli;

import io.lakemesh.config.MeshHome;
import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "The accounts of the mesh home's mesh.",
    subcommands = {AccountCommand.Add.class})
final class AccountCommand extends ParentCommand {

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description =
          "Add an account (a new domain's producer, a consumer) to the mesh the home records: appends"
              + " lakemesh.mesh.accounts += { id = NAME, roles = [...], lob = LOB } to HOME/lakemesh.conf.")
  static final class Add implements Callable<Integer> {
    @Mixin Environment env;

    @Parameters(
        paramLabel = "NAME",
        description = "The account id, also its catalog's and its products' domain.")
    String name;

    @Option(
        names = "--role",
        required = true,
        split = ",",
        paramLabel = "ROLE",
        description = "producer, consumer or governance; repeat or separate with commas.")
    List<String> roles = new ArrayList<>();

    @Option(
        names = "--lob",
        paramLabel = "LOB",
        description = "Its line of business (default: its own name).")
    String lob;

    @Option(
        names = "--principal",
        split = ",",
        paramLabel = "NAME",
        description = "Principals inside the account (act as NAME:PRINCIPAL).")
    List<String> principals = new ArrayList<>();

    @Option(names = "--json", description = "Print JSON: {account, roles, lob, file, line}.")
    boolean json;

    @Override
    public Integer call() {
      try (Environment closing = env) {
        MeshHome home = env.meshHome();
        if (!home.isRecorded()) {
          throw new InvalidConfigException(
              "--home",
              "mesh home "
                  + home.dir()
                  + " records no mesh yet, so there is no"
                  + " file to add the account to: run bin/lakemesh init first (with the --home, --config and --topology"
                  + " you use), then add the account");
        }
        Mesh mesh = env.mesh();
        List<String> roleNames =
            roles.stream().map(AccountRole::parse).map(AccountRole::configName).distinct().toList();
        String lineOfBusiness = lob != null ? lob : name;
        mesh.findAccount(name)
            .ifPresent(
                a -> {
                  throw new InvalidConfigException(
                      "NAME",
                      "account "
                          + name
                          + " is in the mesh already, with roles "
                          + a.roles().stream().map(AccountRole::configName).toList()
                          + " and lob "
                          + a.lob()
                          + "; change it in "
                          + home.file()
                          + " or the config it includes");
                });
        try {
          String line = home.addAccount(name, roleNames, lineOfBusiness, principals);
          if (json) {
            JsonOutput.print(
                JsonOutput.object(
                    "account",
                    name,
                    "roles",
                    roleNames,
                    "lob",
                    lineOfBusiness,
                    "file",
                    home.file().toString(),
                    "line",
                    line));
            return 0;
          }
          System.out.println(
              "added account "
                  + name
                  + " ("
                  + String.join(", ", roleNames)
                  + ", lob "
                  + lineOfBusiness
                  + ") to the mesh of "
                  + home.dir()
                  + ":");
          System.out.println("  " + home.file() + ": " + line);
          return 0;
        } catch (InvalidConfigException e) {
          throw new InvalidConfigException("--lob", e.getMessage() + lobHint(mesh), e);
        }
      }
    }

    /** The lines of business that have a governance account, for a mesh that needs one per LOB. */
    private static String lobHint(Mesh mesh) {
      TreeSet<String> governed = new TreeSet<>();
      mesh.governanceAccounts().stream().map(Account::lob).forEach(governed::add);
      return mesh.topology() == Topology.LOB_FEDERATED && !governed.isEmpty()
          ? " (give --lob one of the lines of business with a governance account: "
              + String.join(", ", governed)
              + ")"
          : "";
    }
  }
}
