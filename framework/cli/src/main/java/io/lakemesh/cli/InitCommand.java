package io.lakemesh.cli;

import io.lakemesh.config.LakemeshConfig;
import io.lakemesh.config.MeshHome;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description =
        "Create a mesh home that records its mesh (the config, the topology and the products folder) in"
            + " HOME/lakemesh.conf, so that every command run with the home needs neither --config nor --topology.")
final class InitCommand implements Callable<Integer> {
  @Mixin Environment env;

  @Option(
      names = "--products",
      paramLabel = "DIR",
      description =
          "Folder of your product specs, DOMAIN/NAME.conf (default: the config's lakemesh.products).")
  Path products;

  @Option(
      names = "--json",
      description = "Print JSON: {home, file, initialised, config, topology, products}.")
  boolean json;

  @Override
  public Integer call() {
    try (Environment closing = env) {
      boolean written = env.recordHome(products);
      MeshHome home = env.meshHome();
      LakemeshConfig c = env.config();
      MeshHome.Recorded recorded = home.recorded();
      if (json) {
        JsonOutput.print(
            JsonOutput.object(
                "home",
                home.dir().toString(),
                "file",
                home.file().toString(),
                "initialised",
                written,
                "config",
                recorded.madeFrom() == null ? null : recorded.madeFrom().toString(),
                "topology",
                recorded.topology() == null ? null : recorded.topology().toString(),
                "products",
                Environment.root().resolve(c.products()).toString()));
        return 0;
      }
      System.out.println(
          (written ? "initialised mesh home " : "mesh home ")
              + home.dir()
              + (written
                  ? "; its mesh is recorded in "
                  : " is initialised already; its mesh is recorded in ")
              + home.file());
      System.out.println(
          "  config    "
              + (recorded.madeFrom() == null ? "(built-in defaults)" : recorded.madeFrom()));
      System.out.println(
          "  topology  "
              + (recorded.topology() == null ? "(no mesh configured)" : recorded.topology()));
      System.out.println("  products  " + Environment.root().resolve(c.products()));
      System.out.println(
          "commands run with this home (--home, LAKEMESH_HOME, or ./.lakemesh from "
              + home.dir().getParent()
              + ") use it without --config or --topology; add a domain's account with:"
              + " bin/lakemesh account add NAME --role producer --lob LOB");
      return 0;
    }
  }
}
