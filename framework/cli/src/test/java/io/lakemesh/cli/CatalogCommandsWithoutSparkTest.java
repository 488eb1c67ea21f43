package io.lakemesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that only read or change the catalog never load Spark (nor Scala): each runs here in
 * a JVM of its own, as {@code bin/lakemesh} runs it, with Spark on the classpath and the JVM's
 * class-loading log on, and the log must name no Spark or Scala class. That keeps them starting in
 * about a second, and lets {@code bin/lakemesh} run them without Spark's jars at all.
 */
class CatalogCommandsWithoutSparkTest {
  @TempDir Path dir;

  @Test
  void catalogListSearchGrantAndTokenCreateLoadNoSparkClass() throws Exception {
    Path config = PublishedOrders.catalogIn(dir, g -> {});
    Path home = dir.resolve("home");

    Child list = run(home, config, "catalog", "list");
    Child search = run(home, config, "search", "order");
    Child grant =
        run(
            home,
            config,
            "grant",
            "--as",
            "sales",
            "--to",
            "marketing",
            "--table",
            "sales.orders",
            "--perm",
            "SELECT");
    Child token = run(home, config, "token", "create", "--as", "marketing", "--description", "ci");

    assertThat(list.out).contains("sales:sales.orders");
    assertThat(search.out).contains("sales.orders");
    assertThat(grant.out).contains("granted: marketing SELECT on table sales:sales.orders");
    assertThat(token.out).contains("token ", "for marketing");
    for (Child child : List.of(list, search, grant, token)) {
      assertThat(child.code).as(child.command + ": " + child.out).isZero();
      // A catalog command loads thousands of classes (picocli, JDBI, Flyway, Jackson): the log is
      // real.
      assertThat(child.loaded).as(child.command).hasSizeGreaterThan(1000);
      assertThat(child.loaded)
          .as(child.command + " loaded Spark or Scala")
          .noneMatch(c -> c.startsWith("org.apache.spark.") || c.startsWith("scala."));
    }
  }

  private record Child(String command, int code, String out, List<String> loaded) {}

  /**
   * {@code args} with {@code --config} and {@code --home}, in a fresh JVM on this test's classpath.
   */
  private Child run(Path home, Path config, String... args)
      throws IOException, InterruptedException {
    Path log = Files.createTempFile(dir, "classes", ".log");
    Path out = Files.createTempFile(dir, "out", ".txt");
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                LakemeshCli.class.getName()));
    command.addAll(List.of(args));
    command.addAll(List.of("--config", config.toString(), "--home", home.toString()));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", args) + " did not finish");
    }
    List<String> loaded = new ArrayList<>();
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      // "[0.012s][info][class,load] java.lang.Object source: shared objects file"
      String[] words = line.split(" ");
      if (words.length > 1) {
        loaded.add(words[1]);
      }
    }
    return new Child(String.join(" ", args), process.exitValue(), Files.readString(out), loaded);
  }
}
