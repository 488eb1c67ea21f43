package io.lakemesh.governance;

import java.util.Locale;

/** What an audit event records; stored by its lower-case, hyphenated name. */
public enum AuditAction {
  PUBLISH,
  SCHEMA_CHANGE,
  GRANT,
  REVOKE,
  LINK_CREATE,
  LINK_DELETE,
  REQUEST,
  APPROVE,
  DENY,
  REVOKE_SUBSCRIPTION,
  TAG_CREATE,
  TAG_ASSIGN,
  TAG_REMOVE,
  /** Only refusals are recorded: a granted read changes nothing. */
  SELECT,
  /**
   * A read by an engine that is handed the table itself (an Iceberg REST client): recorded when
   * allowed, once per principal, table and minute, so that an engine's repeated loads do not flood
   * the log.
   */
  READ,
  DESCRIBE,
  SEARCH,
  AUDIT_READ,
  /** Recording a job run: only refusals are recorded (runs are the job's own bookkeeping). */
  RECORD_RUN,
  /** Recording a quality gate's outcome: only refusals are recorded, as for runs. */
  RECORD_QUALITY,
  /** Acting as a principal other than the one the credentials name: always refused. */
  ACT_AS,
  /** An access token of the catalog server issued (its id, never its secret). */
  TOKEN_CREATE,
  /** An access token revoked. */
  TOKEN_REVOKE,
  /**
   * A producer joining the mesh with a database: the account that holds its entries creates the
   * database there and gives the producer what publishing into it needs.
   */
  JOIN,
  /**
   * A change to a table or database of an account's Iceberg catalog made outside publishing (the
   * catalog server's Iceberg REST endpoint), or asked for through a resource link, which is
   * read-only: only refusals are recorded, the Iceberg commit being its own record.
   */
  WRITE,
  /** A data filter created on a producer's table (its definition in the event's after). */
  FILTER_CREATE,
  /** A data filter dropped; the grants and requests made on it end in the same unit. */
  FILTER_DROP,
  /** A subscription to a product's events made (its kinds and endpoint, never its secret). */
  EVENTS_SUBSCRIBE,
  /** A subscription to a product's events ended. */
  EVENTS_UNSUBSCRIBE,
  /** Dead letters of a subscription put back to be delivered again. */
  EVENTS_RETRY,
  /**
   * A pass of the freshness monitor: only refusals are recorded; what a pass finds is recorded as
   * {@code SLA_BREACH} or {@code SLA_RECOVERY}.
   */
  MONITOR,
  /** A product found past its freshness SLA, recorded once until it recovers. */
  SLA_BREACH,
  /** A product in breach found within its freshness SLA again. */
  SLA_RECOVERY,
  /**
   * A grant's expiry recorded, by the first check or sweep that met it (its grantor's decision
   * taking effect); what rested on the grant ends in the same unit, each loss a REVOKE.
   */
  EXPIRE;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static AuditAction fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
