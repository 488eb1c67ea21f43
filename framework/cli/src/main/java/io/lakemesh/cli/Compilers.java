package io.lakemesh.cli;

import io.lakemesh.runtime.RunOutlook;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which of the JVM's compilers a run uses. {@code bin/lakemesh} starts {@code run} with the quick
 * one alone (C1, {@code -XX:TieredStopAtLevel=1}): most of a small run is the JVM compiling Spark's
 * code, and the optimising compiler (C2) doubles the CPU that takes (1,000 rows: 10.2 s with both,
 * 7.5 s with C1). On a large batch C1's code is the slower (2,000,000 rows: 19 s with both, 26 s
 * with C1), so a run that will read {@link #QUICK_LIMIT} or more, or an amount not known before
 * Spark starts, continues in a new JVM with both: the same command, flags and classpath. A run
 * whose batch is published already needs no Spark and ends in the quick JVM.
 */
final class Compilers {
  /** {@code quick}: this JVM was started with C1 alone, and may hand a large run on. */
  static final String MODE = "lakemesh.compiler";

  /** Overrides {@link #QUICK_LIMIT}, in bytes. */
  static final String LIMIT = "lakemesh.compiler.quick-limit";

  /**
   * Where both compilers start to pay: about 1,000,000 generated orders as CSV. At 14 MB (200,000
   * orders) C1 alone was still 4 s faster; at 136 MB, 6 s slower.
   */
  static final long QUICK_LIMIT = 64L << 20;

  private static final String QUICK = "quick";
  private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  private Compilers() {}

  /** The command line of the JVM that goes on: this one's {@code flags}, less C1-only. */
  static List<String> command(
      String java, List<String> flags, String classpath, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java);
    for (String flag : flags) {
      if (!flag.equals(C1_ONLY) && !flag.startsWith("-D" + MODE + "=")) {
        command.add(flag);
      }
    }
    command.add("-D" + MODE + "=both");
    command.add("-cp");
    command.add(classpath);
    command.add(LakemeshCli.class.getName());
    command.addAll(args);
    return command;
  }

  static boolean quick() {
    return QUICK.equals(System.getProperty(MODE));
  }

  /** The size from which a run hands on: {@link #QUICK_LIMIT}, or the {@link #LIMIT} property. */
  static long limit() {
    return Long.getLong(LIMIT, QUICK_LIMIT);
  }

  /**
   * Whether a run with this outlook should continue in a JVM with both compilers: it needs Spark,
   * and reads {@code limit} bytes or more, or an amount not known before Spark starts.
   */
  static boolean wantsOptimising(RunOutlook outlook, long limit) {
    return !outlook.published() && outlook.bytesToRead().orElse(Long.MAX_VALUE) >= limit;
  }

  /** {@code bytes} in the unit that fits: "136 MB", "4.2 GB". */
  static String size(long bytes) {
    String[] units = {"bytes", "KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit++;
    }
    return (unit == 0 || value >= 10
            ? String.format(Locale.ROOT, "%.0f", value)
            : String.format(Locale.ROOT, "%.1f", value))
        + " "
        + units[unit];
  }

  /**
   * Runs {@code args} in a JVM as this one was started, less C1-only, and waits for it: its output
   * is this process's, its exit code the one returned. Stopping this process stops it.
   */
  static int withBoth(List<String> args) {
    List<String> command =
        command(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            System.getProperty("java.class.path"),
            args);
    try {
      Process child = new ProcessBuilder(command).inheritIO().start();
      Thread stop = new Thread(child::destroy);
      Runtime.getRuntime().addShutdownHook(stop);
      int code = child.waitFor();
      Runtime.getRuntime().removeShutdownHook(stop);
      return code;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a JVM for the run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the run went on in its own JVM", e);
    }
  }
}
