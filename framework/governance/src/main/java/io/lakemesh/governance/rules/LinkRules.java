package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.ResourceLink.DatabaseLink;
import io.lakemesh.governance.ResourceLink.TableLink;
import java.util.List;
import java.util.Optional;

/**
 * Resource links in an account's catalog. Only the account's administrator changes its catalog, and
 * only towards what it may see; a link grants nothing, so reads through it are checked on the
 * target.
 */
final class LinkRules {
  private final Context ctx;

  LinkRules(Context ctx) {
    this.ctx = ctx;
  }

  /** What a new link points at, once checked to exist and not to lead back to the link. */
  private record Target(String name, String producer, CatalogTable table, DatabaseId database) {}

  ResourceLink create(Principal actor, ResourceLink link) {
    // A target that cannot be found has no producer: the refusal goes to the catalog's log.
    Target target =
        ctx.trail()
            .of(catalogLog(link, actor), actor)
            .decide(AuditAction.LINK_CREATE, link, () -> target(link));
    AuditTrail.Scope audit = ctx.trail().of(logOf(target.producer(), link, actor), actor);
    // Who may change the catalog is decided before anything is looked up in it: an unknown
    // account has no catalog to look in (on AWS, no AWS account).
    audit.check(
        AuditAction.LINK_CREATE,
        link,
        () -> {
          requireAdministrator(actor, "CREATE", link);
          requireFree(link);
          requireSees(actor, link, target);
        });
    return ctx.store()
        .atomically(
            () -> {
              ctx.store().links().createLink(link);
              recordCreated(audit, link);
              return link;
            });
  }

  void drop(Principal actor, ResourceLink named) {
    ResourceLink link =
        ctx.trail()
            .of(catalogLog(named, actor), actor)
            .decide(AuditAction.LINK_DELETE, named, () -> stored(named));
    AuditTrail.Scope audit = ctx.trail().of(logOf(producerOf(link), link, actor), actor);
    audit.check(AuditAction.LINK_DELETE, link, () -> requireAdministrator(actor, "DROP", link));
    ctx.store()
        .atomically(
            () -> {
              ctx.store().links().dropLink(link);
              audit.allowed(AuditAction.LINK_DELETE, link, link.toString(), "");
              return null;
            });
  }

  List<LinkStatus> list(Principal actor) {
    ctx.requireKnown(actor, "LIST links of", "account " + actor.account());
    return ctx.store().links().listLinks(actor.account()).stream().map(this::status).toList();
  }

  /**
   * Gives a subscriber its default link ({@code D_link.T} or {@code D_link}) unless the name
   * already leads to the product or is taken by something else. Returns the link it created.
   */
  Optional<ResourceLink> ensureDefault(Principal actor, String consumer, Resource scope) {
    ResourceLink link;
    if (scope instanceof Resource.Database d) {
      DatabaseLink wanted = ResourceLink.defaultDatabaseLink(consumer, d.id());
      if (ctx.resolver().exists(wanted.link())
          || ctx.store().links().findDatabaseLink(wanted.link()).isPresent()) {
        return Optional.empty();
      }
      link = wanted;
    } else {
      TableLink wanted = ResourceLink.defaultTableLink(consumer, scope.tableId().orElseThrow());
      LinkResolver.TableResolution there = ctx.resolver().resolve(wanted.link());
      if (there.table().isPresent() || there.throughLink()) {
        return Optional.empty();
      }
      link = wanted;
    }
    ctx.store().links().createLink(link);
    return Optional.of(link);
  }

  /** Records a link created in an account's catalog, on that account's behalf. */
  void recordCreated(AuditTrail.Scope audit, ResourceLink link) {
    audit.actingAs(link.catalog()).allowed(AuditAction.LINK_CREATE, link, "", link.toString());
  }

  private Target target(ResourceLink link) {
    Optional<ResourceLink> pending = Optional.of(link);
    if (link instanceof TableLink t) {
      CatalogTable table = ctx.resolver().resolve(t.target(), pending).require();
      return new Target(t.targetName(), table.id().catalog(), table, null);
    }
    DatabaseLink d = (DatabaseLink) link;
    LinkResolver.DatabaseResolution r = ctx.resolver().resolve(d.target(), pending);
    if (!r.exists()) {
      throw new NotFoundException(
          "database not found: " + r.target() + " (target of " + link + ")");
    }
    return new Target(d.targetName(), r.target().catalog(), null, r.target());
  }

  private void requireFree(ResourceLink link) {
    boolean taken =
        link instanceof TableLink t
            ? ctx.store().catalog().findTable(t.link()).isPresent()
                || ctx.store().links().findTableLink(t.link()).isPresent()
            : ctx.resolver().exists(((DatabaseLink) link).link())
                || ctx.store().links().findDatabaseLink(((DatabaseLink) link).link()).isPresent();
    if (taken) {
      throw new AlreadyExistsException(
          link.name() + " already exists in catalog " + link.catalog());
    }
  }

  private void requireSees(Principal actor, ResourceLink link, Target target) {
    boolean sees =
        target.table() != null
            ? !ctx.entitlements().describable(actor, target.table()).isEmpty()
            : ctx.entitlements().holdsAnythingIn(actor, target.database());
    if (!sees) {
      throw Denials.of(
          actor,
          "CREATE LINK " + link.name() + " to",
          target.name(),
          "missing DESCRIBE (no permission on the target)");
    }
  }

  private void requireAdministrator(Principal actor, String action, ResourceLink link) {
    if (!ctx.mesh().knows(actor)) {
      throw Denials.unknown(actor, action, link);
    }
    if (!actor.isAdministratorOf(link.catalog())) {
      throw Denials.of(
          actor,
          action,
          link,
          "only the administrator of account " + link.catalog() + " changes its catalog");
    }
  }

  private ResourceLink stored(ResourceLink named) {
    Optional<? extends ResourceLink> found =
        named instanceof TableLink t
            ? ctx.store().links().findTableLink(t.link())
            : ctx.store().links().findDatabaseLink(((DatabaseLink) named).link());
    return found.orElseThrow(() -> new NotFoundException("no resource link " + named.name()));
  }

  private LinkStatus status(ResourceLink link) {
    if (link instanceof TableLink t) {
      LinkResolver.TableResolution r = ctx.resolver().resolve(t.link());
      return new LinkStatus(link, r.target().toString(), r.table().isEmpty());
    }
    LinkResolver.DatabaseResolution r = ctx.resolver().resolve(((DatabaseLink) link).link());
    return new LinkStatus(link, r.target().toString(), !r.exists());
  }

  private String producerOf(ResourceLink link) {
    return link instanceof TableLink t
        ? ctx.resolver().resolve(t.link()).target().catalog()
        : ctx.resolver().resolve(((DatabaseLink) link).link()).target().catalog();
  }

  private String logOf(String producer, ResourceLink link, Principal actor) {
    return ctx.mesh().isProducer(producer)
        ? ctx.mesh().auditLogOf(producer)
        : catalogLog(link, actor);
  }

  /** The log responsible for the link's catalog, else for the actor; null when none is. */
  private String catalogLog(ResourceLink link, Principal actor) {
    return ctx.mesh()
        .auditLogFor(link.catalog())
        .or(() -> ctx.mesh().auditLogFor(actor.account()))
        .orElse(null);
  }
}
