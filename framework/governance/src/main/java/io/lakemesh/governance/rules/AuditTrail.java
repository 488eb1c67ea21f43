package io.lakemesh.governance.rules;

import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes governance actions and refusals to the audit log that records them. Refusals are appended
 * on their own, outside any unit of work, so that rolling back the refused action never takes its
 * record with it.
 */
final class AuditTrail {
  // Errors that mean "not done as asked", as opposed to a failing database or a bug.
  private static final Set<ErrorKind> REFUSALS =
      EnumSet.of(ErrorKind.ACCESS_DENIED, ErrorKind.USER, ErrorKind.NOT_FOUND);

  private final SupportsAudit audit;
  private final Clock clock;
  private final String token;
  private final RepeatedRefusals repeats;
  private final RepeatedReads reads;

  AuditTrail(SupportsAudit audit, Clock clock) {
    this(audit, clock, "", new RepeatedRefusals(audit), new RepeatedReads());
  }

  private AuditTrail(
      SupportsAudit audit,
      Clock clock,
      String token,
      RepeatedRefusals repeats,
      RepeatedReads reads) {
    this.audit = audit;
    this.clock = clock;
    this.token = token;
    this.repeats = repeats;
    this.reads = reads;
  }

  /** The same trail, recording that the actions come with the access token of this id. */
  AuditTrail byToken(String tokenId) {
    return new AuditTrail(audit, clock, tokenId, repeats, reads);
  }

  /**
   * Appends the counts of repeated refusals (of every window when {@code all}, else of those past).
   */
  void flushRepeats(boolean all) {
    repeats.flush(all ? null : clock.instant());
    reads.forget(clock.instant());
  }

  /** What one principal does, recorded in one log (none when {@code log} is null). */
  Scope of(String log, Principal actor) {
    return new Scope(log, actor, actor.account());
  }

  /**
   * The log, the actor and the account on whose authority it acts.
   *
   * @param actingAs the actor's own account, or the producer whose decision it carries out
   */
  final class Scope {
    private final String log;
    private final Principal actor;
    private final String actingAs;

    private Scope(String log, Principal actor, String actingAs) {
      this.log = log;
      this.actor = actor;
      this.actingAs = actingAs;
    }

    /** The same, on the authority of another account. */
    Scope actingAs(String account) {
      return new Scope(log, actor, account);
    }

    /** Records an allowed action. */
    void allowed(AuditAction action, Object resource, String before, String after) {
      append(action, resource, before, after, AuditEvent.Outcome.ALLOWED, "");
    }

    /**
     * Records an allowed read of an engine, unless a read of the same actor and resource is on
     * record within the last minute (see {@link RepeatedReads}).
     */
    void read(Object resource, String after) {
      AuditEvent draft =
          draft(AuditAction.READ, resource, "", after, AuditEvent.Outcome.ALLOWED, "");
      if (draft == null || !reads.opens(draft)) {
        return;
      }
      try {
        audit.append(draft);
      } catch (RuntimeException e) {
        reads.unrecorded(draft);
        throw e;
      }
    }

    /**
     * Runs a decision. When it refuses (an access, input or not-found error), the refusal is
     * recorded and the error rethrown.
     */
    <T> T decide(AuditAction action, Object resource, Supplier<T> decision) {
      try {
        return decision.get();
      } catch (LakemeshException e) {
        if (REFUSALS.contains(e.kind())) {
          append(action, resource, "", "", AuditEvent.Outcome.REFUSED, e.getMessage());
        }
        throw e;
      }
    }

    void check(AuditAction action, Object resource, Runnable decision) {
      decide(
          action,
          resource,
          () -> {
            decision.run();
            return null;
          });
    }

    private void append(
        AuditAction action,
        Object resource,
        String before,
        String after,
        AuditEvent.Outcome outcome,
        String reason) {
      AuditEvent draft = draft(action, resource, before, after, outcome, reason);
      if (draft == null) {
        return;
      }
      // Only a token's refusals are collapsed: the command line acts once per run.
      if (outcome == AuditEvent.Outcome.REFUSED && !token.isEmpty()) {
        repeats.refused(draft);
      } else {
        audit.append(draft);
      }
    }

    /** The event to append, or null when no log records the actor's actions. */
    private AuditEvent draft(
        AuditAction action,
        Object resource,
        String before,
        String after,
        AuditEvent.Outcome outcome,
        String reason) {
      if (log == null) {
        return null;
      }
      return AuditEvent.draft(
              log,
              actor,
              actingAs,
              action,
              String.valueOf(resource),
              before,
              after,
              outcome,
              reason,
              clock.instant())
          .byToken(token);
    }
  }
}
