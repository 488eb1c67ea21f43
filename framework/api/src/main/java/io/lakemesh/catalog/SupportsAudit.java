package io.lakemesh.catalog;

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

  /** The logs that have events. */
  List<String> auditLogs();

  /** Walks the log's chain and reports the first broken link. */
  AuditVerification verifyAudit(String log);
}
