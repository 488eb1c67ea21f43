package io.lakemesh.cli;

import io.lakemesh.catalog.SupportsEventDelivery;
import io.lakemesh.governance.delivery.DeliveryEngine;
import io.lakemesh.governance.delivery.DeliveryReport;
import io.lakemesh.governance.rules.Governance;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve}'s background delivery: one pass of the engine every few seconds on a daemon thread,
 * so that requests never wait for a webhook. A pass that fails (the database briefly unreachable)
 * is reported on stderr and the next one tries again.
 */
final class EventDeliveryTask implements AutoCloseable {
  private final ScheduledExecutorService timer;

  private EventDeliveryTask(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /**
   * Starts delivering every {@code seconds} (none when 0, or when the catalog keeps no
   * subscriptions).
   */
  static EventDeliveryTask start(
      Governance governance, EventCommands.DeliveryOptions options, long seconds) {
    if (seconds <= 0 || !(governance.catalog() instanceof SupportsEventDelivery)) {
      return new EventDeliveryTask(null);
    }
    DeliveryEngine engine = options.engine(governance);
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lakemesh-event-delivery");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(() -> pass(engine), seconds, seconds, TimeUnit.SECONDS);
    return new EventDeliveryTask(timer);
  }

  private static void pass(DeliveryEngine engine) {
    try {
      DeliveryReport report = engine.drain();
      if (report.delivered() + report.failed() + report.dead() > 0) {
        System.err.println("lakemesh serve: events " + report);
      }
    } catch (RuntimeException e) {
      System.err.println(
          "lakemesh serve: event delivery failed, trying again later: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
