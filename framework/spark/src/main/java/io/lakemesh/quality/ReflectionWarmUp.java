package io.lakemesh.quality;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.functions;

/**
 * Deequ counts rows with Spark's {@code count("*")}, which types its column with an encoder made by
 * Scala's runtime reflection: the first count, when the run plans its in-write metrics, spends a
 * third of a second of a cold JVM setting that reflection up. Made on a daemon thread while Spark
 * starts, when a second core is mostly idle, it is ready by then. (A freshness rule's maximum is
 * built without a row-level UDF for the same reason: see {@code FreshnessRule}.)
 */
public final class ReflectionWarmUp {
  // Once per JVM: a driver that runs many jobs (serve, orchestrate) has it set up after the first.
  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private ReflectionWarmUp() {}

  /** Starts one throwaway count on a daemon thread, the first time only, and returns at once. */
  public static void start() {
    if (!STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(ReflectionWarmUp::count, "lakemesh-reflection-warm-up");
    thread.setDaemon(true);
    thread.start();
  }

  private static void count() {
    try {
      functions.count("*");
    } catch (RuntimeException | LinkageError ignored) {
      // Only a head start: the plan that needs it makes it again, and reports what goes wrong.
    }
  }
}
