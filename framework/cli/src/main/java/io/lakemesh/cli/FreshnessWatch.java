package io.lakemesh.cli;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.governance.rules.ExpirySweep;
import io.lakemesh.governance.rules.Freshness;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.MonitorPass;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The freshness monitor's pass ({@code lakemesh monitor}) made every interval while {@code serve}
 * runs, on a daemon thread of its own, so that SLAs are watched without a scheduler outside. A pass
 * that fails is logged and the next one runs on time: a catalog that is down for a minute must not
 * end the watch.
 */
final class FreshnessWatch implements AutoCloseable {
  private final ScheduledExecutorService executor;

  private FreshnessWatch(ScheduledExecutorService executor) {
    this.executor = executor;
  }

  /** Starts the watch, its first pass at once; a zero interval starts none. */
  static FreshnessWatch start(
      Duration interval, GovernanceService governance, Consumer<String> log) {
    if (interval.isZero()) {
      return new FreshnessWatch(null);
    }
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakemesh-freshness-watch");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        () -> pass(governance, log), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return new FreshnessWatch(executor);
  }

  /** One pass: what it recorded goes to the log; a failure is logged, not thrown. */
  static void pass(GovernanceService governance, Consumer<String> log) {
    try {
      MonitorPass pass = governance.checkFreshness();
      pass.changes().forEach(c -> log.accept("lakemesh serve: freshness " + c.describe()));
      ExpirySweep expiry = governance.expireGrants();
      expiry.expired().forEach(id -> log.accept("lakemesh serve: grant " + id + " expired"));
    } catch (RuntimeException e) {
      log.accept(
          "lakemesh serve: the freshness check failed, the next one runs on time: "
              + e.getMessage());
    }
  }

  /**
   * The interval as {@code --monitor-every} writes it, as an SLA is ({@code 1m}, {@code 30s}); zero
   * for {@code off}.
   */
  static Duration interval(String every) {
    String text = every.trim();
    if (text.equals("off") || text.equals("0")) {
      return Duration.ZERO;
    }
    return Freshness.sla(text)
        .filter(d -> !d.isNegative() && !d.isZero())
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    "--monitor-every",
                    "--monitor-every '"
                        + every
                        + "' is not an interval: write it as 30s, 1m or 1h, or off to watch no SLA in serve"));
  }

  @Override
  public void close() {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
