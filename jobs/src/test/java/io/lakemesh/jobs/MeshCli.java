package io.lakemesh.jobs;

import io.lakemesh.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CLI as a user runs it against one mesh home, in one topology, with the shipped mesh config
 * and a chosen products folder; stdout and stderr are captured.
 */
final class MeshCli {
  private static final String CONFIG =
      """
      lakemesh.products = "%s"
      include file("%s")
      """;

  private final Path home;
  private final Path config;
  private final String topology;

  record Result(int code, String out, String err) {}

  MeshCli(Path dir, Path products, String topology) throws IOException {
    this(dir, products, topology, "");
  }

  /** The same, with {@code settings} (HOCON) added to the config. */
  MeshCli(Path dir, Path products, String topology, String settings) throws IOException {
    this.home = dir.resolve("home");
    this.config =
        Files.writeString(
            dir.resolve("lakemesh-" + topology + ".conf"),
            CONFIG.formatted(products, TestMesh.REPO.resolve("conf/mesh.conf")) + settings + "\n");
    this.topology = topology;
  }

  Path home() {
    return home;
  }

  Path config() {
    return config;
  }

  Result run(String... args) {
    CliRun run = CliRun.of(args(args).toArray(String[]::new));
    return new Result(run.code(), run.out(), run.err());
  }

  /** {@code args} followed by this mesh's home, config and topology, for a CLI in its own JVM. */
  List<String> args(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of("--home", home.toString(), "--config", config.toString(), "--topology", topology));
    return all;
  }
}
