package io.lakemesh.jobs;

import io.lakemesh.cli.LakemeshCli;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The CLI in a JVM of its own, as {@code bin/lakemesh} starts it: nothing loaded or warmed before
 * (its classes come from the {@link ClassArchive}, as bin/lakemesh's come from its archive).
 */
final class FreshJvm {
  private FreshJvm() {}

  /**
   * Runs the CLI with {@code jvmOptions} and {@code args}, its stdout and stderr to {@code log};
   * returns its exit code.
   */
  static int run(List<String> jvmOptions, List<String> args, File log) throws Exception {
    List<String> options = new ArrayList<>(ClassArchive.options());
    options.addAll(jvmOptions);
    Process process = start(options, args, log);
    if (!process.waitFor(5, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the CLI did not end; see " + log);
    }
    return process.exitValue();
  }

  /** Starts the CLI without the archive (the run that makes it passes the options to make it). */
  static Process start(List<String> jvmOptions, List<String> args, File log) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ClassArchive.inheritedFlags());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(ClassArchive.classpath());
    command.add(LakemeshCli.class.getName());
    command.addAll(args);
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
  }
}
