package io.lakemesh.governance;

import java.time.Instant;

/**
 * Which audit events to read. Null fields do not filter.
 *
 * @param log one log, or every log (the consolidated view) when null
 * @param resource text the event's resource must contain, such as {@code sales:sales.orders}
 * @param actor the acting principal
 * @param since events at or after this time
 * @param limit at most this many, the newest ones
 */
public record AuditQuery(String log, String resource, Principal actor, Instant since, int limit) {
  public static final int DEFAULT_LIMIT = 1000;

  public AuditQuery {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** Every event of every log, up to the default limit. */
  public static AuditQuery all() {
    return new AuditQuery(null, null, null, null, DEFAULT_LIMIT);
  }

  public static AuditQuery ofLog(String log) {
    return new AuditQuery(log, null, null, null, DEFAULT_LIMIT);
  }

  public AuditQuery withResource(String value) {
    return new AuditQuery(log, value, actor, since, limit);
  }

  public AuditQuery withActor(Principal value) {
    return new AuditQuery(log, resource, value, since, limit);
  }

  public AuditQuery since(Instant value) {
    return new AuditQuery(log, resource, actor, value, limit);
  }

  public AuditQuery limit(int value) {
    return new AuditQuery(log, resource, actor, since, value);
  }
}
