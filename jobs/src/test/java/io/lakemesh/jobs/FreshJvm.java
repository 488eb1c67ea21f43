package io.lakemesh.jobs;

import io.lakemesh.cli.LakemeshCli;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, as {@code bin/lakemesh} starts it: nothing loaded or warmed before.
 */
final class FreshJvm {
  private FreshJvm() {}

  /**
   * Runs the CLI with {@code jvmOptions} and {@code args}, its stdout and stderr to {@code log};
   * returns its exit code.
   */
  static int run(List<String> jvmOptions, List<String> args, File log) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(
            a ->
                a.startsWith("--add-opens")
                    || a.startsWith("-Djdk.reflect")
                    || a.startsWith("-XX:"))
        .forEach(command::add);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LakemeshCli.class.getName());
    command.addAll(args);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not end; see " + log);
    }
    return process.exitValue();
  }
}
