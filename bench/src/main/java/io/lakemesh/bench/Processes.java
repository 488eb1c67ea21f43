package io.lakemesh.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whole processes timed from outside, as a user or a scheduler runs them: the wall clock from start
 * to exit, and the CPU time of the process and its children (bash's {@code times}, since Java
 * cannot ask for a finished child's usage).
 */
final class Processes {
  /** An exited process: its exit code, what it printed on stdout, and its time. */
  record Outcome(int exitCode, String stdout, Figures.Timing timing) {}

  private static final Pattern TIMES = Pattern.compile("(\\d+)m([\\d.]+)s\\s+(\\d+)m([\\d.]+)s");

  private final Path log;

  /**
   * @param log the file every process's stderr is appended to
   */
  Processes(Path log) {
    this.log = log;
  }

  Outcome run(List<String> command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile(log.getParent(), "stdout", ".txt");
      List<String> bash =
          new ArrayList<>(
              List.of(
                  "bash",
                  "-c",
                  "\"$@\" >\"$BENCH_STDOUT\" 2>>\"$BENCH_STDERR\"; rc=$?; times; exit $rc",
                  "bench"));
      bash.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(bash).redirectErrorStream(true);
      // The caller's mesh settings must not reach the runs: each names its own home.
      builder
          .environment()
          .keySet()
          .removeIf(
              k ->
                  k.startsWith("LAKEMESH_")
                      && !k.equals("LAKEMESH_JAVA_OPTS")
                      && !k.equals("LAKEMESH_DRIVER_MEMORY"));
      builder.environment().putAll(env);
      builder.environment().put("BENCH_STDOUT", out.toString());
      builder.environment().put("BENCH_STDERR", log.toString());
      Files.writeString(
          log,
          "\n$ " + String.join(" ", command) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      long start = System.nanoTime();
      Process process = builder.start();
      String times = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      double wall = (System.nanoTime() - start) / 1e9;
      String stdout = Files.readString(out);
      Files.delete(out);
      return new Outcome(exit, stdout, new Figures.Timing(wall, childrenCpu(times)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  /** The children's user and system seconds: the second line {@code times} prints. */
  private static double childrenCpu(String times) {
    Matcher m = TIMES.matcher(times);
    if (!(m.find() && m.find())) {
      return Double.NaN;
    }
    return Integer.parseInt(m.group(1)) * 60
        + Double.parseDouble(m.group(2))
        + Integer.parseInt(m.group(3)) * 60
        + Double.parseDouble(m.group(4));
  }
}
