package io.lakemesh.governance.rules;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import java.util.Map;

/**
 * A producer joining the mesh: the account that holds the producer's entries (the governance
 * account in central, the LOB's in lob-federated, the producer itself in federated) creates the
 * producer's database in its catalog, and the catalog gives the producer what publishing there
 * needs (on AWS, Lake Formation permissions granted by the holder). It changes the mesh, so each
 * join is recorded in the log of the producer's products, and so is a refusal.
 */
final class Membership {
  private final Context ctx;

  Membership(Context ctx) {
    this.ctx = ctx;
  }

  boolean join(Principal actor, DatabaseId database) {
    String producer = database.catalog();
    String subject = "database " + database;
    AuditTrail.Scope audit = ctx.trail().of(ProducerOnly.logOf(ctx, producer), actor);
    String holder = ctx.mesh().holderOf(producer);
    audit.check(
        AuditAction.JOIN,
        subject,
        () -> {
          if (!ctx.mesh().knows(actor)) {
            throw Denials.unknown(actor, "JOIN", subject);
          }
          if (!actor.isAdministratorOf(holder)) {
            throw Denials.of(
                actor,
                "JOIN",
                subject,
                "only the administrator of "
                    + holder
                    + ", which holds "
                    + producer
                    + "'s entries, joins it to the mesh");
          }
        });
    boolean created = ctx.store().catalog().ensureDatabase(database, Map.of());
    audit.allowed(
        AuditAction.JOIN,
        subject,
        created ? "" : "member",
        "member" + (created ? " (database created)" : ""));
    return created;
  }
}
