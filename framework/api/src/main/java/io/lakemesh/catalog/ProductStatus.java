package io.lakemesh.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * What the catalog keeps about a product between its runs, apart from its versioned entry: when it
 * was last checked (the end of its last run that published or found its inputs unchanged) and where
 * it stands against its freshness SLA as the monitor last found it. Kept in a small store of its
 * own ({@link SupportsProductStatus}) so that a run or a monitor pass never makes a new version of
 * the catalog entry.
 *
 * @param lastChecked the end of the last PUBLISHED or UNCHANGED run; null when none was stamped
 * @param lastRun the id of that run; null with {@code lastChecked}
 * @param sla the SLA state the monitor last recorded ({@link Sla#WITHIN} until it records a breach)
 * @param slaSince when the monitor recorded that state; null when it never recorded one
 */
public record ProductStatus(
    TableId table, Instant lastChecked, String lastRun, Sla sla, Instant slaSince) {

  /** Where a product stands against its freshness SLA, as the monitor last recorded it. */
  public enum Sla {
    /** Checked within its SLA at the monitor's last pass (or never found past it). */
    WITHIN,
    /** Past its SLA since {@link #slaSince}: recorded once, until a pass finds it within again. */
    BREACHED
  }

  public ProductStatus {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(sla, "sla");
    if ((lastChecked == null) != (lastRun == null)) {
      throw new IllegalArgumentException("a product's last check names its time and its run");
    }
  }

  /** The status of a product nothing was stamped on yet. */
  public static ProductStatus unknown(TableId table) {
    return new ProductStatus(table, null, null, Sla.WITHIN, null);
  }

  /** The same, checked at {@code at} by {@code run} unless a later check is kept already. */
  public ProductStatus checked(Instant at, String run) {
    if (lastChecked != null && !at.isAfter(lastChecked)) {
      return this;
    }
    return new ProductStatus(table, at, run, sla, slaSince);
  }

  /** The same, in SLA state {@code state} since {@code since}. */
  public ProductStatus withSla(Sla state, Instant since) {
    return new ProductStatus(table, lastChecked, lastRun, state, since);
  }

  /** True when the monitor last found the product past its SLA. */
  public boolean breached() {
    return sla == Sla.BREACHED;
  }
}
