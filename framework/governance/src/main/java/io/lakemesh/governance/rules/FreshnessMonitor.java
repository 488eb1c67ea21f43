package io.lakemesh.governance.rules;

import static io.lakemesh.catalog.ProductStatus.Sla.BREACHED;
import static io.lakemesh.catalog.ProductStatus.Sla.WITHIN;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ProductStatus;
import io.lakemesh.catalog.SupportsProductStatus;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.Account;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Watches freshness SLAs: for every product with {@code sla.freshness}, compares its last check
 * with the clock and records when it goes past its SLA (SLA_BREACHED) and when a later check brings
 * it back within (SLA_RECOVERED). The breach state lives in the product's status, moved from one
 * state to the other only by the pass that finds it in the first, so each breach and recovery is
 * recorded, evented and audited once however often and by however many monitors the check runs.
 *
 * <p>Governance administrators watch the products of the producers they govern; a producer's
 * administrator watches its own. Anyone else is refused, on record.
 */
final class FreshnessMonitor {
  private static final String SUBJECT = "freshness SLAs";

  private final Context ctx;
  private final ProductFreshness freshness;

  FreshnessMonitor(Context ctx) {
    this.ctx = ctx;
    this.freshness = new ProductFreshness(ctx);
  }

  MonitorPass check(Principal actor) {
    Set<String> producers = watchedBy(actor);
    Instant now = ctx.now();
    List<CatalogTable> tables = new ArrayList<>();
    for (String producer : producers) {
      for (CatalogTable table : ctx.store().catalog().listTables(producer)) {
        if (Freshness.sla(table.parameter(TableParameters.SLA_FRESHNESS).orElse("")).isPresent()) {
          tables.add(table);
        }
      }
    }
    Map<TableId, Freshness> found = freshness.of(tables);
    List<MonitorPass.SlaChange> changes = new ArrayList<>();
    int inBreach = 0;
    for (CatalogTable table : tables) {
      Freshness f = found.get(table.id());
      boolean breached = f.breachedSince() != null;
      if (f.state() == Freshness.State.STALE && !breached) {
        breached = record(actor, table, f, true, now, changes);
      } else if (f.state() == Freshness.State.FRESH && breached) {
        breached = !record(actor, table, f, false, now, changes);
      }
      inBreach += breached ? 1 : 0;
    }
    return new MonitorPass(now, tables.size(), inBreach, changes);
  }

  /**
   * The principals whose passes together watch every producer: each governance account's
   * administrator, and the administrator of each producer no governance account governs (as in
   * {@code federated}).
   */
  static List<Principal> watchers(Mesh mesh) {
    List<Principal> out = new ArrayList<>();
    for (Account g : mesh.governanceAccounts()) {
      out.add(Principal.administrator(g.id()));
    }
    for (Account p : mesh.producers()) {
      if (mesh.governanceAccounts().stream().noneMatch(g -> mesh.governs(g.id(), p.id()))) {
        out.add(Principal.administrator(p.id()));
      }
    }
    return out;
  }

  /** The producers whose products the actor watches; refuses, on record, one who watches none. */
  private Set<String> watchedBy(Principal actor) {
    Set<String> producers = new TreeSet<>();
    ctx.trail()
        .of(ctx.subjects().logOf(actor), actor)
        .check(
            AuditAction.MONITOR,
            SUBJECT,
            () -> {
              if (!ctx.mesh().knows(actor)) {
                throw Denials.unknown(actor, "MONITOR", SUBJECT);
              }
              for (Account p : ctx.mesh().producers()) {
                Standing standing = ctx.standing(actor, p.id());
                if (standing == Standing.OWNER || standing == Standing.GOVERNOR) {
                  producers.add(p.id());
                }
              }
              if (producers.isEmpty()) {
                throw Denials.of(
                    actor,
                    "MONITOR",
                    SUBJECT,
                    "only a governance administrator or a producer's administrator watches"
                        + " products' SLAs");
              }
            });
    return producers;
  }

  /**
   * Moves the product's SLA state and, when this pass is the one that moved it, records the event
   * and the audit entry with it; returns whether it moved.
   */
  private boolean record(
      Principal actor,
      CatalogTable table,
      Freshness f,
      boolean breach,
      Instant now,
      List<MonitorPass.SlaChange> changes) {
    SupportsProductStatus status = ctx.store().status();
    if (status == null) {
      return false;
    }
    String sla = table.parameter(TableParameters.SLA_FRESHNESS).orElseThrow();
    Duration overdue = Freshness.overdue(Freshness.sla(sla).orElseThrow(), f.lastChecked(), now);
    String subject = "table " + table.id();
    AuditTrail.Scope audit = ctx.trail().of(ProducerOnly.logOf(ctx, table.id().catalog()), actor);
    boolean moved =
        ctx.store()
            .atomically(
                () -> {
                  ProductStatus.Sla from = breach ? WITHIN : BREACHED;
                  if (!status.moveSla(table.id(), from, breach ? BREACHED : WITHIN, now)) {
                    return false;
                  }
                  String checked = "last checked " + f.lastChecked();
                  if (breach) {
                    ctx.events().slaBreached(table.id(), sla, f.lastChecked(), overdue);
                    audit.allowed(
                        AuditAction.SLA_BREACH,
                        subject,
                        "within SLA " + sla,
                        "breached since " + now + " (" + checked + ", overdue by " + overdue + ")");
                  } else {
                    ctx.events().slaRecovered(table.id(), sla, f.lastChecked(), f.breachedSince());
                    audit.allowed(
                        AuditAction.SLA_RECOVERY,
                        subject,
                        "breached since " + f.breachedSince(),
                        "within SLA " + sla + " (" + checked + ")");
                  }
                  return true;
                });
    if (moved) {
      changes.add(
          new MonitorPass.SlaChange(
              table.id(), breach, sla, f.lastChecked(), breach ? overdue.toString() : ""));
    }
    return moved;
  }
}
