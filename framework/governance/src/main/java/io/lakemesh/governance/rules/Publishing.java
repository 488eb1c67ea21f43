package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Publishing registers a producer's table in the catalog and grants nothing to anyone (rule 3).
 * Each new version is audited, with its schema change when the columns moved.
 */
final class Publishing {
  private final Context ctx;
  private final RequestWorkflow requests;
  private final LinkRules links;
  private final RunRecords records;

  Publishing(Context ctx, RequestWorkflow requests, LinkRules links, RunRecords records) {
    this.ctx = ctx;
    this.requests = requests;
    this.links = links;
    this.records = records;
  }

  CatalogTable publish(Principal actor, Publication publication) {
    TableId id = publication.table().id();
    String subject = "table " + id;
    AuditTrail.Scope audit = ctx.trail().of(ProducerOnly.logOf(ctx, id.catalog()), actor);
    audit.check(
        AuditAction.PUBLISH,
        subject,
        () -> {
          ProducerOnly.require(ctx, actor, "PUBLISH", id.catalog(), subject);
          records.requireOwn(actor, publication, subject);
        });
    return ctx.store()
        .atomically(
            () -> {
              Optional<CatalogTable> before = ctx.store().catalog().findTable(id);
              ctx.store().catalog().publish(publication);
              records.stampCheck(publication.run());
              CatalogTable after = ctx.store().catalog().loadTable(id);
              if (before.map(b -> b.version() != after.version()).orElse(true)) {
                String was = before.map(Publishing::version).orElse("");
                audit.allowed(AuditAction.PUBLISH, subject, was, version(after));
                if (before.isPresent() && !before.get().columns().equals(after.columns())) {
                  audit.allowed(
                      AuditAction.SCHEMA_CHANGE, subject, schema(before.get()), schema(after));
                }
                ctx.events().published(before, after, publication.quality());
                ctx.events().quarantined(after);
              }
              return after;
            });
  }

  /**
   * Makes sure every subscriber of the table has its default link, as a producer does after each
   * successful publish: those with an ACTIVE subscription (on the table or its database) and those
   * the producer's spec declares. A link grants nothing (rule 3), so a declared subscriber that
   * holds no permission on the table gets none yet and is reported as waiting for access.
   */
  SubscriberLinks ensureSubscriberLinks(
      Principal actor, TableId table, Collection<String> declared) {
    CatalogTable entry = ctx.subjects().table(table);
    declared.forEach(ctx.mesh()::account);
    String subject = "table " + table;
    AuditTrail.Scope audit = ctx.trail().of(ProducerOnly.logOf(ctx, table.catalog()), actor);
    audit.check(
        AuditAction.LINK_CREATE,
        subject,
        () -> ProducerOnly.require(ctx, actor, "ENSURE LINKS to", table.catalog(), subject));
    return ctx.store()
        .atomically(
            () -> {
              List<ResourceLink> created = new ArrayList<>();
              List<String> waiting = new ArrayList<>();
              for (AccessRequest r : requests.activeOn(table)) {
                ensure(audit, actor, r.requester().account(), r.scope(), created);
              }
              for (String consumer : new LinkedHashSet<>(declared)) {
                if (ctx.entitlements()
                    .describable(Principal.administrator(consumer), entry)
                    .isEmpty()) {
                  waiting.add(consumer);
                } else {
                  ensure(audit, actor, consumer, Resource.table(table), created);
                }
              }
              return new SubscriberLinks(created, waiting);
            });
  }

  private void ensure(
      AuditTrail.Scope audit,
      Principal actor,
      String consumer,
      Resource scope,
      List<ResourceLink> created) {
    Optional<ResourceLink> link = links.ensureDefault(actor, consumer, scope);
    link.ifPresent(l -> links.recordCreated(audit, l));
    link.ifPresent(created::add);
  }

  private static String version(CatalogTable t) {
    return "version "
        + t.version()
        + t.parameter(TableParameters.SNAPSHOT_ID).map(s -> " (snapshot " + s + ")").orElse("");
  }

  private static String schema(CatalogTable t) {
    return String.join(", ", t.columns().stream().map(c -> c.name() + " " + c.type()).toList());
  }
}
