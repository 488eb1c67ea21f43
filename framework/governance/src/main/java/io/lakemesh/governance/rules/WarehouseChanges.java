package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import java.util.Optional;

/**
 * Changes to an account's own Iceberg tables made outside publishing, as an engine makes them
 * through the catalog server's Iceberg REST endpoint. Only the producer's administrator changes its
 * tables, and never a published product's: publishing is a product's only writer, because a direct
 * commit would skip its quality gate and a drop or rename would leave its catalog entry and every
 * consumer's link pointing at nothing.
 */
final class WarehouseChanges {
  private final Context ctx;

  WarehouseChanges(Context ctx) {
    this.ctx = ctx;
  }

  void check(Principal actor, String change, String subject, Optional<TableId> table) {
    String account = actor.account();
    String log =
        ctx.mesh().isProducer(account) && ctx.mesh().knows(actor)
            ? ctx.mesh().auditLogOf(account)
            : ctx.subjects().logOf(actor);
    ctx.trail()
        .of(log, actor)
        .check(AuditAction.WRITE, subject, () -> decide(actor, change, subject, table));
  }

  private void decide(Principal actor, String change, String subject, Optional<TableId> table) {
    String account = actor.account();
    if (!ctx.mesh().knows(actor)) {
      throw Denials.unknown(actor, change, subject);
    }
    if (!ctx.mesh().isProducer(account)) {
      throw Denials.of(
          actor,
          change,
          subject,
          "account "
              + account
              + " is not a producer, so it keeps no tables of its own;"
              + " read what it was granted through its links");
    }
    if (ctx.standing(actor, account) != Standing.OWNER) {
      throw Denials.of(
          actor,
          change,
          subject,
          "only the producer's administrator changes its tables (use a token of " + account + ")");
    }
    Optional<CatalogTable> product = table.flatMap(ctx.store().catalog()::findTable);
    if (product.isPresent()) {
      TableId id = product.get().id();
      String name = product.get().parameter(TableParameters.PRODUCT).orElse(id.qualifiedName());
      throw Denials.of(
          actor,
          change,
          subject,
          "it is the published product "
              + name
              + ", which only its job writes (bin/lakemesh run "
              + name
              + ": the quality gate, then the publish); a drop or rename would strand its"
              + " catalog entry and its consumers' links");
    }
  }
}
