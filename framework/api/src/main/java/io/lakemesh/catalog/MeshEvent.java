package io.lakemesh.catalog;

import java.time.Instant;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Something that happened to a product or to access to it, kept in the catalog's event stream (the
 * outbox that deliveries to subscribers drain) in the same unit of work as the change itself.
 *
 * <p>An event carries metadata only: names, counts, versions, snapshot ids, rule names and states.
 * It never carries a value of a column, so that what a subscriber may receive is decided by who may
 * describe the product, not by who may read it.
 *
 * @param seq the event's place in the catalog's stream, assigned on append (0 in a draft); a later
 *     append always gets a higher number, so a reader that remembers the last number it saw misses
 *     nothing
 * @param id the event's own id, kept by every delivery of it (subscribers de-duplicate on it); an
 *     append of an id already stored stores nothing
 * @param table the product's table; null for an access event about a database
 * @param account for access events, the account whose access it is (requester or grantee); null for
 *     product events
 * @param data the event's details, as text (see each {@link Kind})
 */
public record MeshEvent(
    long seq,
    String id,
    Kind kind,
    TableId table,
    String account,
    Instant at,
    Map<String, String> data) {

  public MeshEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(at, "at");
    if (table == null && account == null) {
      throw new IllegalArgumentException("an event is about a table, an account or both");
    }
    data = data == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(data));
  }

  /** A new event of a product's table, not yet numbered. */
  public static MeshEvent of(Kind kind, TableId table, Instant at, Map<String, String> data) {
    return new MeshEvent(0, UUID.randomUUID().toString(), kind, table, null, at, data);
  }

  /** A new event about an account's access to a table (or, with no table, to a database). */
  public static MeshEvent access(
      Kind kind, TableId table, String account, Instant at, Map<String, String> data) {
    return new MeshEvent(
        0, UUID.randomUUID().toString(), kind, table, Objects.requireNonNull(account), at, data);
  }

  /** The event as stored at {@code seq}. */
  public MeshEvent numbered(long seq) {
    return new MeshEvent(seq, id, kind, table, account, at, data);
  }

  /** The product the event is about, as {@code DATABASE.TABLE}; empty when it names none. */
  public String product() {
    return table == null ? "" : table.database() + "." + table.table();
  }

  /** What happened. Names read in lower case with dashes on the command line. */
  public enum Kind {
    /** A new version was published: data holds snapshot, version, quality, rows. */
    PUBLISHED(false),
    /** A run's batch failed its quality gate and nothing was published: data holds run, failed. */
    REJECTED(false),
    /** The published columns changed: data holds change (added, removed, retyped) and columns. */
    SCHEMA_CHANGED(false),
    /** A new major version was started: data holds major. */
    MAJOR_VERSION(false),
    /** The product is older than its freshness SLA: data holds sla, last_checked. */
    SLA_BREACHED(false),
    /** A product in breach was checked again within its SLA: data holds sla, last_checked. */
    SLA_RECOVERED(false),
    /** A run set more rows aside than the warning level: data holds run, quarantined, fraction. */
    QUARANTINE_WARNING(false),
    ACCESS_REQUESTED(true),
    ACCESS_APPROVED(true),
    ACCESS_DENIED(true),
    ACCESS_REVOKED(true),
    /** A grant ends within 7 days: data holds expires. */
    ACCESS_EXPIRING(true),
    ACCESS_EXPIRED(true);

    private final boolean access;

    Kind(boolean access) {
      this.access = access;
    }

    /** True for events about an account's access, false for events about a product. */
    public boolean isAccess() {
      return access;
    }

    /** The name users type and read: {@code sla-breached}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The CloudEvents type: {@code io.lakemesh.product.published}, {@code
     * io.lakemesh.access.expired}.
     */
    public String cloudEventType() {
      String name = name().toLowerCase(Locale.ROOT);
      return access
          ? "io.lakemesh.access." + name.substring("access_".length()).replace('_', '-')
          : "io.lakemesh.product." + name.replace('_', '-');
    }

    /**
     * The kind a user named, by its label or its constant name in any case.
     *
     * @throws IllegalArgumentException naming every kind there is
     */
    public static Kind parse(String text) {
      String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      for (Kind kind : values()) {
        if (kind.name().equals(name)) {
          return kind;
        }
      }
      StringBuilder known = new StringBuilder();
      for (Kind kind : values()) {
        known.append(known.length() == 0 ? "" : ", ").append(kind.label());
      }
      throw new IllegalArgumentException(
          "unknown event kind '" + text + "'; the kinds are " + known);
    }
  }
}
