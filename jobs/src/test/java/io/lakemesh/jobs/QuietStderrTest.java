package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's stderr holds lakemesh's own progress and errors only; Spark's, Iceberg's and Deequ's log
 * and ANTLR's version notices appear with {@code --verbose}. The CLI runs as a child JVM, as
 * bin/lakemesh starts it (with conf/log4j2.properties), because log4j writes to the stderr the
 * process started with. A run without {@code --verbose} is checked on the distribution's own
 * bin/lakemesh, in DistributionIT, which runs sales.orders as a user does.
 */
class QuietStderrTest {
  @TempDir Path dir;

  private record Exit(int code, String out, String err) {}

  private Exit lakemesh(String name, String... args) throws IOException, InterruptedException {
    Path config =
        Files.writeString(
            dir.resolve("quiet.conf"), "lakemesh.products = \"" + TestMesh.PRODUCTS + "\"\n");
    List<String> command = new ArrayList<>(List.of("java", "-Xmx1g"));
    // The --add-opens flags Spark needs on Java 17 and the -XX: settings, as this test JVM was
    // given them, and the archive of the classes a run loads.
    command.addAll(ClassArchive.inheritedFlags());
    command.addAll(ClassArchive.options());
    command.addAll(
        List.of(
            "-Dlog4j2.configurationFile=" + TestMesh.REPO.resolve("conf/log4j2.properties"),
            "-cp",
            ClassArchive.classpath(),
            "io.lakemesh.cli.LakemeshCli"));
    command.addAll(List.of(args));
    command.addAll(List.of("--home", dir.resolve(name).toString(), "--config", config.toString()));
    Path out = dir.resolve(name + ".out");
    Path err = dir.resolve(name + ".err");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPARK_") || k.startsWith("LAKEMESH_"));
    Process process = builder.start();
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not finish: " + Files.readString(err));
    }
    return new Exit(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  @Test
  void verboseBringsTheLibrariesLogBack() throws Exception {
    Exit verbose = lakemesh("verbose", "--verbose", "run", "sales.orders");

    assertThat(verbose.code()).as(verbose.err()).isZero();
    assertThat(verbose.err())
        .contains("[sales.orders] quality gate done in ")
        .contains(
            "WARN antlr: ANTLR Tool version 4.7 used for code generation does not match the current runtime"
                + " version 4.9.3");
  }

  @Test
  void anErrorStillReachesStderr() throws Exception {
    Exit failed = lakemesh("failed", "run", "nope.nope");

    assertThat(failed.code()).isEqualTo(2);
    assertThat(failed.err())
        .startsWith(
            "error: no product spec for nope.nope (looked for "
                + TestMesh.PRODUCTS.resolve("nope/nope.conf")
                + "); known: finance.revenue, product.inventory, sales.orders");
  }
}
