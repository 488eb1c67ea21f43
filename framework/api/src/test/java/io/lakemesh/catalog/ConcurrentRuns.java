package io.lakemesh.catalog;

import io.lakemesh.exceptions.CommitConflictException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs catalog calls from several threads at once, for the concurrency contracts. */
public final class ConcurrentRuns {
  private ConcurrentRuns() {}

  /** Starts every task at the same moment, each on its own thread, and waits for all. */
  public static void together(List<Callable<Void>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Void>> futures = new ArrayList<>();
      for (Callable<Void> task : tasks) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return task.call();
                }));
      }
      start.countDown();
      for (Future<Void> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs the work, again when a concurrent writer won (losing a race is allowed, a retry wins). */
  public static void retryingConflicts(Runnable work) {
    for (int attempt = 1; ; attempt++) {
      try {
        work.run();
        return;
      } catch (CommitConflictException e) {
        if (attempt == 20) {
          throw e;
        }
      }
    }
  }
}
