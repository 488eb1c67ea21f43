package io.lakemesh.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.client.Wire.AccessBody;
import io.lakemesh.client.Wire.ApproveBody;
import io.lakemesh.client.Wire.DenyBody;
import io.lakemesh.client.Wire.FilterBody;
import io.lakemesh.client.Wire.GrantBody;
import io.lakemesh.client.Wire.Remaining;
import io.lakemesh.client.Wire.RevokeBody;
import io.lakemesh.client.Wire.TagBody;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Mesh;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.rules.AccessDecision;
import io.lakemesh.governance.rules.AccessReview;
import io.lakemesh.governance.rules.ExpirySweep;
import io.lakemesh.governance.rules.Freshness;
import io.lakemesh.governance.rules.GovernanceService;
import io.lakemesh.governance.rules.LinkStatus;
import io.lakemesh.governance.rules.MonitorPass;
import io.lakemesh.governance.rules.ProductListing;
import io.lakemesh.governance.rules.SearchPage;
import io.lakemesh.governance.rules.SearchQuery;
import io.lakemesh.governance.rules.SubscriberLinks;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The governance rules as the catalog server offers them: every call is an HTTP request made with
 * the token of the principal it acts as, and the server decides. Errors come back as the lakemesh
 * exceptions the embedded rules throw, with the same messages, so callers (and exit codes) cannot
 * tell the difference.
 */
public final class HttpGovernance implements GovernanceService {
  private final ApiClient api;
  private final Mesh mesh;

  /**
   * @param server the server, e.g. {@code https://catalog.example.com:8181}, and what to trust
   * @param mesh the mesh as the caller knows it (for names such as the holder of a catalog)
   * @param tokens the token to send for a principal
   */
  public HttpGovernance(ServerEndpoint server, Mesh mesh, Function<Principal, String> tokens) {
    this.api = new ApiClient(server, tokens);
    this.mesh = mesh;
  }

  /** A server reached with the JDK's trusted CAs (and plain http on loopback only). */
  public HttpGovernance(URI base, Mesh mesh, Function<Principal, String> tokens) {
    this(ServerEndpoint.of(base), mesh, tokens);
  }

  /** A client that sends one token, whoever it acts as (the server refuses other principals). */
  public static HttpGovernance withToken(ServerEndpoint server, Mesh mesh, String token) {
    return new HttpGovernance(server, mesh, p -> token);
  }

  public URI base() {
    return api.base();
  }

  @Override
  public Mesh mesh() {
    return mesh;
  }

  // ---- grants

  /** A null authorisation lets the server find the producer's authorisation on record. */
  @Override
  public Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation,
      Instant expires) {
    return api.post(
        actor,
        "/grants",
        new GrantBody(grantee, resource, permissions, grantable, authorisation, expires),
        Grant.class);
  }

  @Override
  public Optional<Grant> revoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    Remaining left =
        api.post(
            actor,
            "/grants/revoke",
            new RevokeBody(grantee, resource, permissions),
            Remaining.class);
    return Optional.ofNullable(left.remaining());
  }

  @Override
  public List<Grant> grants(Principal actor) {
    return api.list(actor, "/grants", "", Grant.class);
  }

  // ---- requests

  @Override
  public AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions, String justification) {
    return api.post(
        requester,
        "/requests",
        new AccessBody(resource, permissions, justification),
        AccessRequest.class);
  }

  @Override
  public List<AccessRequest> requests(Principal actor) {
    return api.list(actor, "/requests", "", AccessRequest.class);
  }

  @Override
  public AccessRequest approve(
      Principal actor,
      long requestId,
      Set<Permission> permissions,
      List<String> columns,
      Instant expires) {
    return api.post(
        actor,
        "/requests/" + requestId + "/approve",
        new ApproveBody(permissions, columns, expires),
        AccessRequest.class);
  }

  @Override
  public ExpirySweep expireGrants(Principal actor) {
    return api.post(actor, "/grants/expire", null, ExpirySweep.class);
  }

  @Override
  public AccessReview accessReview(Principal actor, AccessReview.Scope scope) {
    return api.post(actor, "/grants/review", scope, AccessReview.class);
  }

  @Override
  public AccessRequest approveWithFilter(Principal actor, long requestId, String filterName) {
    return api.post(
        actor,
        "/requests/" + requestId + "/approve-with-filter",
        new Wire.FilterApprovalBody(filterName),
        AccessRequest.class);
  }

  @Override
  public AccessRequest deny(Principal actor, long requestId, String reason) {
    return api.post(
        actor, "/requests/" + requestId + "/deny", new DenyBody(reason), AccessRequest.class);
  }

  @Override
  public AccessRequest revokeSubscription(Principal actor, long requestId) {
    return api.post(actor, "/requests/" + requestId + "/revoke", null, AccessRequest.class);
  }

  // ---- data filters

  @Override
  public DataFilter createFilter(Principal actor, DataFilter filter) {
    return api.post(
        actor, Paths.table(filter.table()) + "/filters", FilterBody.of(filter), DataFilter.class);
  }

  @Override
  public List<DataFilter> filters(Principal actor, TableId table) {
    return api.list(actor, Paths.table(table) + "/filters", "", DataFilter.class);
  }

  @Override
  public void dropFilter(Principal actor, TableId table, String name) {
    api.post(
        actor,
        Paths.table(table) + "/filters/" + Paths.segment(name) + "/drop",
        null,
        JsonNode.class);
  }

  // ---- event subscriptions

  @Override
  public EventSubscription subscribeEvents(Principal actor, EventSubscription draft) {
    return api.post(actor, "/event-subscriptions", draft, EventSubscription.class);
  }

  @Override
  public List<EventSubscription> eventSubscriptions(Principal actor) {
    return api.list(actor, "/event-subscriptions", "", EventSubscription.class);
  }

  @Override
  public void unsubscribeEvents(Principal actor, long subscription) {
    api.post(actor, "/event-subscriptions/" + subscription + "/drop", null, JsonNode.class);
  }

  @Override
  public List<EventDelivery> deadLetters(Principal actor) {
    return api.list(actor, "/event-subscriptions/dead-letters", "", EventDelivery.class);
  }

  @Override
  public List<EventDelivery> retryDeadLetters(Principal actor, long subscription) {
    return api.post(
            actor, "/event-subscriptions/" + subscription + "/retry", null, Wire.Retried.class)
        .retried();
  }

  // ---- links

  @Override
  public ResourceLink createLink(Principal actor, ResourceLink link) {
    return api.post(actor, "/links", link, ResourceLink.class);
  }

  @Override
  public void dropLink(Principal actor, ResourceLink link) {
    api.post(actor, "/links/drop", link, JsonNode.class);
  }

  @Override
  public List<LinkStatus> links(Principal actor) {
    return api.list(actor, "/links", "", LinkStatus.class);
  }

  // ---- LF-tags

  @Override
  public LfTag createTag(Principal actor, String catalog, LfTag tag) {
    return api.post(actor, "/tags/" + Paths.segment(catalog), tag, LfTag.class);
  }

  @Override
  public List<LfTag> tags(String catalog) {
    return api.list(null, "/tags/" + Paths.segment(catalog), "", LfTag.class);
  }

  @Override
  public void assignTag(Principal actor, TagTarget target, String key, String value) {
    api.post(actor, "/tag-assignments", new TagBody(target, key, value), JsonNode.class);
  }

  @Override
  public void removeTag(Principal actor, TagTarget target, String key) {
    api.post(actor, "/tag-assignments/remove", new TagBody(target, key, null), JsonNode.class);
  }

  @Override
  public EffectiveTags effectiveTags(Principal actor, TableId name) {
    return api.get(actor, Paths.table(name) + "/tags", EffectiveTags.class);
  }

  // ---- reads

  @Override
  public AccessDecision checkSelect(Principal principal, TableId name) {
    return api.get(principal, Paths.table(name) + "/select", AccessDecision.class);
  }

  @Override
  public CatalogTable describe(Principal principal, TableId name) {
    return api.get(principal, Paths.table(name), CatalogTable.class);
  }

  @Override
  public List<String> databases(Principal principal) {
    return api.list(principal, "/databases", "", String.class);
  }

  @Override
  public List<String> tables(Principal principal, String database) {
    return api.list(
        principal, "/databases/" + Paths.segment(database) + "/tables", "", String.class);
  }

  // ---- publishing

  @Override
  public CatalogTable publish(Principal actor, Publication publication) {
    return api.post(actor, "/publications", publication, CatalogTable.class);
  }

  @Override
  public SubscriberLinks ensureSubscriberLinks(
      Principal actor, TableId table, Collection<String> declared) {
    return api.post(
        actor,
        Paths.table(table) + "/subscriber-links",
        new Wire.SubscribersBody(List.copyOf(declared)),
        SubscriberLinks.class);
  }

  // ---- discovery and audit

  @Override
  public List<ProductListing> search(Principal actor, SearchQuery query) {
    if (query.limit() != SearchQuery.NO_LIMIT) {
      return searchPage(actor, query).products();
    }
    return api.list(actor, "/products", Paths.query(query), ProductListing.class);
  }

  /** One request: the server cuts the page in the catalog and says where the next one starts. */
  @Override
  public SearchPage searchPage(Principal actor, SearchQuery query) {
    if (query.limit() == SearchQuery.NO_LIMIT) {
      return GovernanceService.super.searchPage(actor, query);
    }
    String filters = Paths.query(query);
    String page =
        Paths.query(
            "limit",
            Integer.toString(query.limit()),
            "after",
            query.after() == null ? null : query.after().toString());
    Wire.ProductPage found =
        api.get(
            actor,
            "/products?" + (filters.isEmpty() ? page : filters + "&" + page),
            Wire.ProductPage.class);
    return new SearchPage(
        found.items(), Optional.ofNullable(found.next()).map(t -> TableId.parse(t, null)));
  }

  @Override
  public List<AuditEvent> audit(Principal actor, AuditQuery query) {
    String max = "max=" + query.limit();
    String filters = Paths.query(query);
    return api.list(
        actor, "/audit", filters.isEmpty() ? max : filters + "&" + max, AuditEvent.class);
  }

  @Override
  public List<AuditVerification> verifyAudit(Principal actor) {
    return api.get(actor, "/audit/verify", new TypeReference<List<AuditVerification>>() {});
  }

  @Override
  public AuditVerification verifyAudit(Principal actor, String log) {
    List<AuditVerification> one =
        api.get(
            actor,
            "/audit/verify?log=" + Paths.param(log),
            new TypeReference<List<AuditVerification>>() {});
    return one.get(0);
  }

  @Override
  public MonitorPass checkFreshness(Principal actor) {
    return api.post(actor, "/monitor", null, MonitorPass.class);
  }

  @Override
  public Freshness freshness(Principal actor, TableId product) {
    return api.get(actor, Paths.table(product) + "/freshness", Freshness.class);
  }
}
