package io.lakemesh.governance.rules;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.JobRun;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * A producer job's own records: its runs, its quality gates and the databases its tables live in.
 * Only the producer writes them, as only it publishes; anyone else is refused, and the refusal is
 * recorded in the producer's log. Allowed records are not audited: they are the job's bookkeeping,
 * and the publish they lead to is audited.
 *
 * <p>Run ids are the keys of run records, quality runs and lineage events, so a record may not
 * carry the id of another producer's run: it would replace that run's records.
 */
final class RunRecords {
  private final Context ctx;

  RunRecords(Context ctx) {
    this.ctx = ctx;
  }

  void recordJobRun(Principal actor, JobRun run) {
    check(actor, AuditAction.RECORD_RUN, run.account(), "run " + run.runId(), run.runId());
    ctx.store()
        .atomically(
            () -> {
              ctx.store().catalog().recordJobRun(run);
              stampCheck(run);
              return run;
            });
  }

  /**
   * A run that published or found its inputs unchanged confirms the product is current: its end is
   * the product's last check, which freshness and the monitor read from the product's status. A
   * publication's run (null when it carries none) counts as its recorded run does.
   */
  void stampCheck(JobRun run) {
    if (run != null
        && run.table() != null
        && ProductFreshness.checks(run)
        && ctx.store().status() != null) {
      ctx.store().status().recordCheck(run.table(), ProductFreshness.checkedAt(run), run.runId());
    }
  }

  void recordQualityRun(Principal actor, QualityRun run) {
    String subject = "quality run " + run.runId() + " of table " + run.table();
    check(actor, AuditAction.RECORD_QUALITY, run.table().catalog(), subject, run.runId());
    ctx.store()
        .atomically(
            () -> {
              ctx.store().catalog().recordQualityRun(run);
              ctx.events().gateRecorded(run);
              return run;
            });
  }

  /** Creates the database when missing, as the producer whose catalog holds it. */
  boolean ensureDatabase(Principal actor, DatabaseId database, Map<String, String> parameters) {
    String subject = "database " + database;
    ctx.trail()
        .of(ProducerOnly.logOf(ctx, database.catalog()), actor)
        .check(
            AuditAction.PUBLISH,
            subject,
            () -> ProducerOnly.require(ctx, actor, "CREATE", database.catalog(), subject));
    return ctx.store().catalog().ensureDatabase(database, parameters);
  }

  /**
   * Refuses a publication whose quality run or run record is another producer's, or would replace
   * one; part of the publish check, so such a publish is refused and recorded like any other.
   */
  void requireOwn(Principal actor, Publication publication, String subject) {
    String producer = publication.table().id().catalog();
    if (publication.quality() != null) {
      QualityRun q = publication.quality();
      requireOwn(actor, "PUBLISH", subject, producer, q.table().catalog(), q.runId());
    }
    if (publication.run() != null) {
      JobRun r = publication.run();
      requireOwn(actor, "PUBLISH", subject, producer, r.account(), r.runId());
    }
    if (publication.lineage() != null) {
      requireOwn(actor, "PUBLISH", subject, producer, producer, publication.lineage().runId());
    }
  }

  private void check(
      Principal actor, AuditAction action, String producer, String subject, String runId) {
    String verb = action.name().replace('_', ' ');
    ctx.trail()
        .of(ProducerOnly.logOf(ctx, producer), actor)
        .check(
            action,
            subject,
            () -> {
              ProducerOnly.require(ctx, actor, verb, producer, subject);
              requireOwn(actor, verb, subject, producer, producer, runId);
            });
  }

  /**
   * Refuses a record that belongs to {@code owner} when {@code producer} writes it, and one that
   * reuses the id of another producer's run.
   */
  private void requireOwn(
      Principal actor, String verb, String subject, String producer, String owner, String runId) {
    if (!producer.equals(owner)) {
      throw Denials.of(actor, verb, subject, "run " + runId + " is a record of " + owner + "'s");
    }
    Optional<JobRun> stored = ctx.store().catalog().findJobRun(runId);
    if (stored.isPresent() && !producer.equals(stored.get().account())) {
      throw Denials.of(
          actor,
          verb,
          subject,
          "run id " + runId + " is taken by a run of " + stored.get().account() + "'s");
    }
  }
}
