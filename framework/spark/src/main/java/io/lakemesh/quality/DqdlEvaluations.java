package io.lakemesh.quality;

import io.lakemesh.spec.QualityRule;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A gate's DQDL rulesets, evaluated on a thread of their own while the gate measures and judges its
 * other rules. Each ruleset is a Deequ run of its own over the data; on a small batch most of such
 * a run is the driver planning and compiling its queries, which the second core does meanwhile (a
 * run of 1,000 orders spent about half a second in its ruleset after the gate's own checks). The
 * evaluations are handed out in the order of the rules; {@link #close()} waits for any not taken,
 * so that no query of the gate outlives it.
 */
final class DqdlEvaluations implements AutoCloseable {
  private final Iterator<FutureTask<DqdlRules.Evaluation>> next;
  private final Thread thread;

  private DqdlEvaluations(List<FutureTask<DqdlRules.Evaluation>> tasks, Thread thread) {
    this.next = tasks.iterator();
    this.thread = thread;
  }

  /** Starts evaluating the DQDL rules among {@code rules} over {@code data}, in their order. */
  static DqdlEvaluations start(List<QualityRule> rules, Dataset<Row> data) {
    List<FutureTask<DqdlRules.Evaluation>> tasks = new ArrayList<>();
    for (QualityRule rule : rules) {
      if (rule instanceof QualityRule.Dqdl dqdl) {
        tasks.add(new FutureTask<>(() -> DqdlRules.evaluate(dqdl, data)));
      }
    }
    if (tasks.isEmpty()) {
      return new DqdlEvaluations(tasks, null);
    }
    // The parser loads here, not on the other thread: loading it swaps System.err for a moment.
    DqdlRules.load();
    Thread thread = new Thread(() -> tasks.forEach(FutureTask::run), "lakemesh-dqdl");
    thread.setDaemon(true);
    thread.start();
    return new DqdlEvaluations(tasks, thread);
  }

  /** The next DQDL rule's evaluation, in the order the rules were given; waits for it. */
  DqdlRules.Evaluation next() {
    FutureTask<DqdlRules.Evaluation> task = next.next();
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a DQDL ruleset was evaluated", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (CancellationException e) {
      throw new IllegalStateException("a DQDL ruleset's evaluation was cancelled", e);
    }
  }

  @Override
  public void close() {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
