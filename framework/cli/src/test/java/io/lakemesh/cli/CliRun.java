package io.lakemesh.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CLI run in process as a user runs it, its output captured; and the configs it is given. */
public record CliRun(int code, String out, String err) {
  /** The repository root, whose conf/mesh.conf declares the demo mesh. */
  static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

  public static CliRun of(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
    try {
      int code = LakemeshCli.execute(args);
      return new CliRun(
          code, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** {@code command} (words split on spaces) with {@code --config config --home home}. */
  static CliRun in(Path home, Path config, String command) {
    String[] words = command.split(" ");
    String[] args = new String[words.length + 4];
    System.arraycopy(words, 0, args, 0, words.length);
    args[words.length] = "--config";
    args[words.length + 1] = config.toString();
    args[words.length + 2] = "--home";
    args[words.length + 3] = home.toString();
    return of(args);
  }

  /** The arguments (each as its text) with {@code --home home}. */
  static CliRun inHome(Path home, Object... args) {
    String[] all = new String[args.length + 2];
    for (int i = 0; i < args.length; i++) {
      all[i] = args[i].toString();
    }
    all[args.length] = "--home";
    all[args.length + 1] = home.toString();
    return of(all);
  }

  /** stdout and stderr together. */
  String all() {
    return out + err;
  }

  /**
   * A config in {@code dir}: the demo mesh in central, the catalog database at {@code catalogUri},
   * and the catalog server's url and token when {@code url} is not null.
   */
  static Path config(Path dir, String catalogUri, String url, String token) {
    try {
      Path file = Files.createTempFile(dir, "lakemesh", ".conf");
      String text =
          "include file(\""
              + ROOT.resolve("conf/mesh.conf")
              + "\")\n"
              + "lakemesh.mesh.topology = central\n"
              + "lakemesh.catalog { type = jdbc, uri = \""
              + catalogUri
              + "\""
              + (url == null ? "" : ", url = \"" + url + "\", token = \"" + token + "\"")
              + " }\n";
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
