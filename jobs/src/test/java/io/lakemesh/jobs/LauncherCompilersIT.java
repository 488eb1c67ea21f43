package io.lakemesh.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which compilers bin/lakemesh starts a run with. A run whose {@code --source} files alone reach
 * the quick compiler's limit starts with both at once, rather than in a quick JVM that would hand
 * it on; under the limit it starts with the quick one. Each JVM prints the flags it was started
 * with ({@code -XX:+PrintCommandLineFlags}); a short run also gets the parallel collector, a long
 * one keeps the JVM's default. (After package: bin/lakemesh runs the packaged jar.)
 */
class LauncherCompilersIT {
  private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  private static final String PARALLEL_GC = "-XX:+UseParallelGC";
  private static final String HANDED_ON = "continuing in a JVM with the optimising compiler";

  @TempDir Path dir;

  @Test
  void sourcesGivenOverTheLimitStartTheRunWithBothCompilersInOneJvm() throws Exception {
    List<String> out = run(5_000); // under HundredOrders.BYTES

    assertThat(flagLines(out))
        .singleElement()
        .asString()
        .doesNotContain(C1_ONLY)
        .doesNotContain(PARALLEL_GC);
    assertThat(out).noneMatch(line -> line.contains(HANDED_ON));
    assertThat(out).contains("  rows: {orders=100} -> 100");
  }

  @Test
  void sourcesGivenUnderTheLimitStartTheRunWithTheQuickCompilerAndTheParallelCollector()
      throws Exception {
    List<String> out = run(1_000_000); // far over HundredOrders.BYTES

    assertThat(flagLines(out)).singleElement().asString().contains(C1_ONLY).contains(PARALLEL_GC);
    assertThat(out).noneMatch(line -> line.contains(HANDED_ON));
    assertThat(out).contains("  rows: {orders=100} -> 100");
  }

  private List<String> run(long limit) throws Exception {
    HundredOrders hundred = HundredOrders.in(dir);
    Path log = dir.resolve("run.log");
    List<String> command =
        new ArrayList<>(List.of(TestMesh.REPO.resolve("bin/lakemesh").toString()));
    command.addAll(
        hundred.cli().args("run", "sales.orders", "--source", "orders=" + hundred.batch()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("LAKEMESH_"));
    builder
        .environment()
        .put(
            "LAKEMESH_JAVA_OPTS",
            "-XX:+PrintCommandLineFlags -Dlakemesh.compiler.quick-limit=" + limit);
    Process process = builder.start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("bin/lakemesh run did not finish: " + Files.readString(log));
    }
    List<String> out = Files.readAllLines(log);
    assertThat(process.exitValue()).as(String.join("\n", out)).isZero();
    return out;
  }

  /** The lines of {@code -XX:+PrintCommandLineFlags}, one per JVM started. */
  private static List<String> flagLines(List<String> out) {
    return out.stream().filter(line -> line.startsWith("-XX:")).toList();
  }
}
