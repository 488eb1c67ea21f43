package io.lakemesh.jobs;

import io.lakemesh.cli.LakemeshCli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CLI as a user runs it against one mesh home, in one topology, with the shipped mesh config
 * and a chosen products folder; stdout and stderr are captured.
 */
final class MeshCli {
  private static final String CONFIG = """
      lakemesh.products = "%s"
      include file("%s")
      """;

  private final Path home;
  private final Path config;
  private final String topology;

  record Result(int code, String out, String err) {}

  MeshCli(Path dir, Path products, String topology) throws IOException {
    this.home = dir.resolve("home");
    this.config = Files.writeString(dir.resolve("lakemesh-" + topology + ".conf"),
        CONFIG.formatted(products, TestMesh.REPO.resolve("conf/mesh.conf")));
    this.topology = topology;
  }

  Path home() {
    return home;
  }

  Path config() {
    return config;
  }

  Result run(String... args) {
    String[] full = new String[args.length + 6];
    System.arraycopy(args, 0, full, 0, args.length);
    System.arraycopy(new String[] {"--home", home.toString(), "--config", config.toString(), "--topology", topology},
        0, full, args.length, 6);
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new Result(LakemeshCli.execute(full), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }
  }
}
