package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one pass of the freshness monitor found: how many products with a freshness SLA it watched,
 * how many are in breach after it, and the breaches and recoveries it recorded (each is recorded by
 * one pass only, so a pass that finds nothing new reports no change).
 *
 * @param at when the pass ran, by the catalog's clock
 * @param watched the products with a freshness SLA the pass covered
 * @param inBreach those of them in breach once the pass is done
 */
public record MonitorPass(Instant at, int watched, int inBreach, List<SlaChange> changes) {

  public MonitorPass {
    changes = List.copyOf(changes);
  }

  /** A pass of no product, as the start of a sum. */
  public static MonitorPass empty(Instant at) {
    return new MonitorPass(at, 0, 0, List.of());
  }

  /** This pass and another one over other producers, as one. */
  public MonitorPass plus(MonitorPass other) {
    List<SlaChange> all = new ArrayList<>(changes);
    all.addAll(other.changes);
    return new MonitorPass(at, watched + other.watched, inBreach + other.inBreach, all);
  }

  /**
   * The one line a pass ends with: {@code 12 products watched, 1 in breach: 1 breach, 0
   * recoveries}.
   */
  public String summary() {
    long breaches = changes.stream().filter(SlaChange::breached).count();
    return watched
        + " product(s) with a freshness SLA watched, "
        + inBreach
        + " in breach; recorded "
        + breaches
        + " breach(es), "
        + (changes.size() - breaches)
        + " recovery(ies)";
  }

  /**
   * A breach or a recovery the pass recorded.
   *
   * @param breached true for a breach, false for a recovery
   * @param sla the product's SLA as its entry states it
   * @param lastChecked the product's last check when the pass ran
   * @param overdueBy for a breach, how long past the SLA the product was (ISO-8601, {@code PT2H});
   *     for a recovery, empty
   */
  public record SlaChange(
      TableId table, boolean breached, String sla, Instant lastChecked, String overdueBy) {

    /** {@code BREACHED sales:sales.orders: SLA 24h, last checked ..., overdue by PT2H}. */
    public String describe() {
      return (breached ? "BREACHED  " : "RECOVERED ")
          + table
          + ": SLA "
          + sla
          + ", last checked "
          + lastChecked
          + (breached ? ", overdue by " + overdueBy : "");
    }
  }
}
