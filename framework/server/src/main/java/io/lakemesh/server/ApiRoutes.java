package io.lakemesh.server;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.Wire;
import io.lakemesh.client.Wire.AccessBody;
import io.lakemesh.client.Wire.ApproveBody;
import io.lakemesh.client.Wire.DenyBody;
import io.lakemesh.client.Wire.FilterApprovalBody;
import io.lakemesh.client.Wire.FilterBody;
import io.lakemesh.client.Wire.GrantBody;
import io.lakemesh.client.Wire.Remaining;
import io.lakemesh.client.Wire.RevokeBody;
import io.lakemesh.client.Wire.TagBody;
import io.lakemesh.client.Wire.WhoAmI;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.rules.AccessReview;
import io.lakemesh.governance.rules.Governance;
import io.lakemesh.governance.rules.ProductListing;
import io.lakemesh.governance.rules.SearchPage;
import io.lakemesh.governance.rules.SearchQuery;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The routes of API v1. Each acts as the token's principal and goes through the governance rules,
 * the lineage graph around a product included (shown to whoever may discover the product). The
 * catalog's own records are served by {@link CatalogRoutes}.
 */
final class ApiRoutes {
  private static final int AUDIT_WINDOW = 100_000;

  private final Governance g;

  ApiRoutes(Governance governance) {
    this.g = governance;
  }

  Router router() {
    return new ConnectRoutes(g)
        .addTo(new CatalogRoutes(g).addTo(new Router()))
        .get("/whoami", c -> new WhoAmI(c.principal(), g.mesh().topology().configName()))
        // discovery and reads
        .get("/products", this::products)
        .get("/databases", c -> c.page(g.databases(c.principal())))
        .get(
            "/databases/{database}/tables", c -> c.page(g.tables(c.principal(), c.var("database"))))
        .get("/tables/{catalog}/{database}/{table}", c -> g.describe(c.principal(), c.table()))
        .get(
            "/tables/{catalog}/{database}/{table}/select",
            c -> g.checkSelect(c.principal(), c.table()))
        .get(
            "/tables/{catalog}/{database}/{table}/tags",
            c -> g.effectiveTags(c.principal(), c.table()))
        .get(
            "/tables/{catalog}/{database}/{table}/lineage",
            c -> g.lineageGraph(c.principal(), c.table()))
        .get("/tables/{catalog}/{database}/{table}/access", this::access)
        .get(
            "/tables/{catalog}/{database}/{table}/access/mine",
            c -> g.ownAccess(c.principal(), c.table()))
        .get(
            "/tables/{catalog}/{database}/{table}/freshness",
            c -> g.freshness(c.principal(), c.table()))
        // publishing
        .post("/publications", c -> g.publish(c.principal(), c.body(Publication.class)))
        .post(
            "/tables/{catalog}/{database}/{table}/subscriber-links",
            c ->
                g.ensureSubscriberLinks(
                    c.principal(), c.table(), c.body(Wire.SubscribersBody.class).declared()))
        // grants
        .get("/grants", c -> c.page(g.grants(c.principal())))
        .post("/grants", this::grant)
        .post("/grants/expire", c -> g.expireGrants(c.principal()))
        .post(
            "/grants/review", c -> g.accessReview(c.principal(), c.body(AccessReview.Scope.class)))
        .post(
            "/grants/revoke",
            c -> {
              RevokeBody b = c.body(RevokeBody.class);
              return new Remaining(
                  g.revoke(c.principal(), b.grantee(), b.resource(), b.permissions()).orElse(null));
            })
        // access requests
        .get("/requests", c -> c.page(requests(c)))
        .post(
            "/requests",
            c -> {
              AccessBody b = c.body(AccessBody.class);
              return g.requestAccess(
                  c.principal(), b.resource(), b.permissions(), b.justification());
            })
        .post(
            "/requests/{id}/approve",
            c -> {
              ApproveBody b = c.body(ApproveBody.class);
              return g.approve(
                  c.principal(), c.longVar("id"), b.permissions(), b.columns(), b.expires());
            })
        .post(
            "/requests/{id}/deny",
            c -> g.deny(c.principal(), c.longVar("id"), c.body(DenyBody.class).reason()))
        .post("/requests/{id}/revoke", c -> g.revokeSubscription(c.principal(), c.longVar("id")))
        // data filters (Lake Formation's data cells filters), of the table the path names
        .get(
            "/tables/{catalog}/{database}/{table}/filters",
            c -> c.page(g.filters(c.principal(), c.table())))
        .post(
            "/tables/{catalog}/{database}/{table}/filters",
            c -> g.createFilter(c.principal(), c.body(FilterBody.class).on(c.table())))
        .post(
            "/tables/{catalog}/{database}/{table}/filters/{filter}/drop",
            c -> {
              g.dropFilter(c.principal(), c.table(), c.var("filter"));
              return Map.of("dropped", true);
            })
        .post(
            "/requests/{id}/approve-with-filter",
            c ->
                g.approveWithFilter(
                    c.principal(), c.longVar("id"), c.body(FilterApprovalBody.class).filter()))
        // subscriptions to products' events (not access requests: those are /requests)
        .get("/event-subscriptions", c -> c.page(g.eventSubscriptions(c.principal())))
        .post(
            "/event-subscriptions",
            c -> g.subscribeEvents(c.principal(), c.body(EventSubscription.class)))
        .post(
            "/event-subscriptions/{id}/drop",
            c -> {
              g.unsubscribeEvents(c.principal(), c.longVar("id"));
              return Map.of("dropped", true);
            })
        .get("/event-subscriptions/dead-letters", c -> c.page(g.deadLetters(c.principal())))
        .post(
            "/event-subscriptions/{id}/retry",
            c -> new Wire.Retried(g.retryDeadLetters(c.principal(), c.longVar("id"))))
        // links
        .get("/links", c -> c.page(g.links(c.principal())))
        .post("/links", c -> g.createLink(c.principal(), c.body(ResourceLink.class)))
        .post(
            "/links/drop",
            c -> {
              g.dropLink(c.principal(), c.body(ResourceLink.class));
              return Map.of("dropped", true);
            })
        // LF-tags
        .get("/tags/{catalog}", c -> c.page(g.tags(c.var("catalog"))))
        .post(
            "/tags/{catalog}",
            c -> g.createTag(c.principal(), c.var("catalog"), c.body(LfTag.class)))
        .post(
            "/tag-assignments",
            c -> {
              TagBody b = c.body(TagBody.class);
              g.assignTag(c.principal(), b.target(), b.key(), b.value());
              return Map.of("assigned", true);
            })
        .post(
            "/tag-assignments/remove",
            c -> {
              TagBody b = c.body(TagBody.class);
              g.removeTag(c.principal(), b.target(), b.key());
              return Map.of("removed", true);
            })
        // audit
        .get("/audit", c -> c.page(g.audit(c.principal(), auditQuery(c))))
        .get(
            "/audit/verify",
            c ->
                c.param("log") == null
                    ? g.verifyAudit(c.principal())
                    : List.of(g.verifyAudit(c.principal(), c.param("log"))))
        // freshness SLAs: one pass of the monitor over what the caller watches
        .post("/monitor", c -> g.checkFreshness(c.principal()));
  }

  private Object grant(Call c) {
    GrantBody b = c.body(GrantBody.class);
    Set<Permission> grantable = b.grantable() == null ? Set.of() : b.grantable();
    return g.grant(
        c.principal(),
        b.grantee(),
        b.resource(),
        b.permissions(),
        grantable,
        b.authorisation(),
        b.expires());
  }

  private List<AccessRequest> requests(Call c) {
    String state = c.param("state");
    List<AccessRequest> all = requestsInView(c);
    if (state == null) {
      return all;
    }
    AccessRequest.State wanted = parseState(state);
    return all.stream().filter(r -> r.state() == wanted).toList();
  }

  /**
   * The requests of one view: {@code to-decide} (on the principal's own products), {@code mine}
   * (made by the principal), or every request it may see.
   */
  private List<AccessRequest> requestsInView(Call c) {
    String view = c.param("view");
    if (view == null) {
      return g.requests(c.principal());
    }
    return switch (view) {
      case "to-decide" -> g.requestsToDecide(c.principal());
      case "mine" -> g.ownRequests(c.principal());
      default ->
          throw new InvalidRequestException(
              "unknown request view '" + view + "': expected to-decide or mine (or none for all)");
    };
  }

  private static AccessRequest.State parseState(String state) {
    try {
      return AccessRequest.State.valueOf(state.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(
          "unknown request state '" + state + "': expected PENDING, ACTIVE, DENIED or REVOKED");
    }
  }

  /**
   * One page of products, in table order. {@code after} (the {@code next} of the previous page)
   * starts a page where that one ended, at the cost of the page alone; {@code offset}, for clients
   * that count, also costs the products before it. No total is counted, which would read every
   * match: {@code total} is the products up to the end of this page, plus one while more follow, so
   * a client that asks again while {@code offset + items < total} still reads them all.
   */
  private Wire.ProductPage products(Call c) {
    int offset = c.intParam("offset", 0);
    int limit = c.intParam("limit", SearchQuery.DEFAULT_PAGE);
    if (offset < 0 || limit < 1 || limit > Call.MAX_PAGE) {
      throw new InvalidRequestException(
          "offset must be 0 or more and limit between 1 and "
              + Call.MAX_PAGE
              + ": offset "
              + offset
              + ", limit "
              + limit);
    }
    String after = c.param("after");
    // The page is the end of a longer one; searchPage asks for one more, so stay below NO_LIMIT.
    int window = (int) Math.min((long) offset + limit, SearchQuery.NO_LIMIT - 1L);
    SearchPage found =
        g.searchPage(
            c.principal(),
            search(c)
                .withAfter(after == null ? null : TableId.parse(after, null))
                .withLimit(window));
    List<ProductListing> all = found.products();
    List<ProductListing> items = all.subList(Math.min(offset, all.size()), all.size());
    int total = offset + items.size() + (found.next().isPresent() ? 1 : 0);
    return new Wire.ProductPage(
        items, offset, limit, total, found.next().map(TableId::toString).orElse(null));
  }

  private static SearchQuery search(Call c) {
    SearchQuery q = SearchQuery.text(c.param("q"));
    for (String tag : c.params("tag")) {
      q = q.withTag(tag);
    }
    return q.withOwner(c.param("owner"))
        .withDomain(c.param("domain"))
        .withQualityStatus(c.param("quality"))
        .withStale(Boolean.parseBoolean(c.param("stale")));
  }

  private static AuditQuery auditQuery(Call c) {
    AuditQuery q = c.param("log") == null ? AuditQuery.all() : AuditQuery.ofLog(c.param("log"));
    if (c.param("resource") != null) {
      q = q.withResource(c.param("resource"));
    }
    if (c.param("actor") != null) {
      q = q.withActor(Principal.parse(c.param("actor")));
    }
    if (c.param("since") != null) {
      try {
        q = q.since(Instant.parse(c.param("since")));
      } catch (DateTimeParseException e) {
        throw new InvalidRequestException(
            "since must be an ISO instant such as 2026-01-31T00:00:00Z");
      }
    }
    // A query's limit keeps the newest events (as embedded: `max`), and pages are cut from that
    // answer.
    return q.limit(Math.max(1, Math.min(c.intParam("max", AUDIT_WINDOW), AUDIT_WINDOW)));
  }

  /** Who holds what on the table, and the requests for it, as far as the principal may see. */
  private Object access(Call c) {
    CatalogTable table = g.describe(c.principal(), c.table());
    Resource self = Resource.table(table.id());
    List<Grant> grants =
        g.grants(c.principal()).stream()
            .filter(gr -> gr.resource().covers(self) || self.covers(gr.resource()))
            .toList();
    List<AccessRequest> requests =
        g.requests(c.principal()).stream()
            .filter(r -> r.resource().covers(self) || self.covers(r.resource()))
            .toList();
    return Map.of("table", table.id(), "grants", grants, "requests", requests);
  }

  /** The lineage dataset of a product table, as producer jobs name it. */
  static String dataset(TableId id) {
    return LineageEvent.dataset(id);
  }
}
