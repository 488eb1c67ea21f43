package io.lakemesh.governance.rules;

import io.lakemesh.governance.AccountRole;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Principal;
import java.util.List;
import java.util.TreeSet;

/**
 * Reading and verifying audit logs. The administrators of governance and producer accounts may read
 * every log of the mesh (consolidated on demand): events carry metadata, never data, and producers
 * answer for who reads their products in every topology. Another producer's tables and columns read
 * as hidden where the auditor may not see them.
 */
final class AuditReading {
  private final Context ctx;
  private final EventRedaction redaction;

  AuditReading(Context ctx, RecordRedaction redaction) {
    this.ctx = ctx;
    this.redaction = new EventRedaction(ctx, redaction);
  }

  /** The events, each as the auditor may read it (see {@link EventRedaction}). */
  List<AuditEvent> read(Principal actor, AuditQuery query) {
    requireAuditor(actor);
    return ctx.store().audit().auditEvents(query).stream()
        .map(e -> redaction.event(actor, e))
        .toList();
  }

  /** Every log of the mesh and every log stored, each walked from its first event. */
  List<AuditVerification> verifyAll(Principal actor) {
    requireAuditor(actor);
    TreeSet<String> logs = new TreeSet<>(ctx.mesh().auditLogs());
    logs.addAll(ctx.store().audit().auditLogs());
    return logs.stream().map(ctx.store().audit()::verifyAudit).toList();
  }

  AuditVerification verify(Principal actor, String log) {
    requireAuditor(actor);
    return ctx.store().audit().verifyAudit(log);
  }

  private void requireAuditor(Principal actor) {
    ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .check(
            AuditAction.AUDIT_READ,
            "audit logs",
            () -> {
              if (!ctx.mesh().knows(actor)) {
                throw Denials.unknown(actor, "READ", "the audit logs");
              }
              boolean auditor =
                  actor.isAdministrator()
                      && ctx.mesh()
                          .findAccount(actor.account())
                          .map(a -> a.has(AccountRole.GOVERNANCE) || a.has(AccountRole.PRODUCER))
                          .orElse(false);
              if (!auditor) {
                throw Denials.of(
                    actor,
                    "READ",
                    "the audit logs",
                    "only administrators of governance and producer accounts read them");
              }
            });
  }
}
