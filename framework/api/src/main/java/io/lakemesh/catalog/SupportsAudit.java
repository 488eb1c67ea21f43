package io.lakemesh.catalog;

import io.lakemesh.governance.AuditCheckpoint;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import java.util.List;

/** A catalog that keeps append-only, hash-chained audit logs, one per log owner. */
public interface SupportsAudit {

  /**
   * Numbers the draft as the next event of its log, chains it to the previous one ({@link
   * AuditEvent#chained}) and stores it. Appends to one log are serialised, also across processes
   * sharing the catalog, so the chain never forks.
   */
  AuditEvent append(AuditEvent draft);

  /** Matching events in time order (per log in sequence order), the newest {@code limit}. */
  List<AuditEvent> auditEvents(AuditQuery query);

  /**
   * The log's events from event {@code seq} on, in sequence order, up to its newest; an event that
   * cannot be read ends the list before it. Lets a checkpoint check only what came after the last.
   */
  List<AuditEvent> auditEventsFrom(String log, long seq);

  /** The logs that have events. */
  List<String> auditLogs();

  /**
   * Walks the log's chain and reports the first broken link; with an audit key, also checks the
   * keyed hashes and the signed checkpoints (see {@link io.lakemesh.governance.AuditSeal}).
   */
  AuditVerification verifyAudit(String log);

  /**
   * Writes a signed checkpoint of the head of every log appended to since the last one, outside the
   * catalog; a catalog without an audit key writes none. Closing the catalog does it too.
   */
  default List<AuditCheckpoint> checkpointAudit() {
    return List.of();
  }
}
