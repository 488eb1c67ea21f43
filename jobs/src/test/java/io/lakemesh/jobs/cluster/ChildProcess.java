package io.lakemesh.jobs.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process the test starts, with its stdout and stderr kept in files (and its command line next to
 * them) so that a failed run can be diagnosed after the fact.
 */
final class ChildProcess {
  private final Process process;
  private final String name;
  private final Path stdout;
  private final Path stderr;

  private ChildProcess(Process process, String name, Path stdout, Path stderr) {
    this.process = process;
    this.name = name;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code command} with the caller's environment less every {@code SPARK_*} and {@code
   * LAKEMESH_*} variable, so that a developer's own Spark or mesh settings cannot change what the
   * test observes, plus {@code env}.
   */
  static ChildProcess start(String name, Path logs, List<String> command, Map<String, String> env) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("SPARK_") || k.startsWith("LAKEMESH_"));
    builder.environment().putAll(env);
    Path out = logs.resolve(name + ".out");
    Path err = logs.resolve(name + ".err");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    try {
      Files.createDirectories(logs);
      Files.writeString(logs.resolve(name + ".cmd"), String.join(" ", command) + "\n");
      return new ChildProcess(builder.start(), name, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits for the exit; past the timeout the process and its children are killed and this fails.
   */
  int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(name + " did not finish within " + timeout + "\n" + stderrTail());
    }
    return process.exitValue();
  }

  /** Runs to the end and fails, with the end of its output, unless it exits with 0. */
  void awaitSuccess(Duration timeout) throws InterruptedException {
    int exit = awaitExit(timeout);
    if (exit != 0) {
      throw new AssertionError(
          name + " exited with " + exit + "\n" + tail(stdout) + "\n" + stderrTail());
    }
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Kills the process and everything it started: a worker's executors are its children. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  String stdout() {
    return read(stdout);
  }

  /** The end of stderr, where the reason a JVM failed usually is, for assertion messages. */
  String stderrTail() {
    return tail(stderr);
  }

  private static String tail(Path file) {
    List<String> lines = read(file).lines().toList();
    return "--- last lines of "
        + file
        + " ---\n"
        + String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
