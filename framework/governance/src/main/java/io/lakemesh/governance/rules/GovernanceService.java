package io.lakemesh.governance.rules;

import io.lakemesh.catalog.CatalogObject;
import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.EventDelivery;
import io.lakemesh.catalog.EventSubscription;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.InvalidRequestException;
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
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a principal can ask of the governance rules: {@link Governance} answers in process, over a
 * catalog; a client of the catalog server answers over HTTP, where the server enforces the same
 * rules. Each method is documented on {@link Governance}.
 */
public interface GovernanceService {

  Mesh mesh();

  /** Grants on the producer's authorisation on record, found automatically. */
  default Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable) {
    return grant(actor, grantee, resource, permissions, grantable, null);
  }

  default Grant grant(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    return grant(actor, grantee, resource, permissions, Set.of());
  }

  /**
   * Grants, naming the producer's authorisation a governance account carries out (null: the one on
   * record).
   */
  default Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation) {
    return grant(actor, grantee, resource, permissions, grantable, authorisation, null);
  }

  /** Grants as above, the grant giving nothing from {@code expires} on (null: it never expires). */
  Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation,
      Instant expires);

  Optional<Grant> revoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions);

  List<Grant> grants(Principal actor);

  default AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions) {
    return requestAccess(requester, resource, permissions, "");
  }

  AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions, String justification);

  List<AccessRequest> requests(Principal actor);

  default List<AccessRequest> pendingRequests(Principal actor) {
    return requests(actor).stream().filter(r -> r.state() == AccessRequest.State.PENDING).toList();
  }

  default AccessRequest approve(Principal actor, long requestId) {
    return approve(actor, requestId, null, null);
  }

  default AccessRequest approve(
      Principal actor, long requestId, Set<Permission> permissions, List<String> columns) {
    return approve(actor, requestId, permissions, columns, null);
  }

  /** Approves as above, the access ending at {@code expires} (null: it does not end by itself). */
  AccessRequest approve(
      Principal actor,
      long requestId,
      Set<Permission> permissions,
      List<String> columns,
      Instant expires);

  /**
   * Records the expiries no check has met yet and tells, once, those coming within seven days, on
   * the data the actor owns or governs; idempotent.
   */
  ExpirySweep expireGrants(Principal actor);

  /**
   * One sweep over every grant of the mesh, made by the principals who watch its products (as
   * {@link #checkFreshness()}), as {@code serve} and {@code monitor} do.
   */
  default ExpirySweep expireGrants() {
    ExpirySweep all = new ExpirySweep(List.of(), List.of());
    for (Principal watcher : FreshnessMonitor.watchers(mesh())) {
      all = all.plus(expireGrants(watcher));
    }
    return all;
  }

  /** Every grant on the data the actor owns or governs, for the periodic access review. */
  AccessReview accessReview(Principal actor, AccessReview.Scope scope);

  AccessRequest deny(Principal actor, long requestId, String reason);

  AccessRequest revokeSubscription(Principal actor, long requestId);

  ResourceLink createLink(Principal actor, ResourceLink link);

  void dropLink(Principal actor, ResourceLink link);

  List<LinkStatus> links(Principal actor);

  default LfTag createTag(Principal actor, LfTag tag) {
    return createTag(actor, actor.account(), tag);
  }

  LfTag createTag(Principal actor, String catalog, LfTag tag);

  List<LfTag> tags(String catalog);

  void assignTag(Principal actor, TagTarget target, String key, String value);

  void removeTag(Principal actor, TagTarget target, String key);

  EffectiveTags effectiveTags(Principal actor, TableId name);

  AccessDecision checkSelect(Principal principal, TableId name);

  /**
   * Checks SELECT for an engine that is handed the whole table and records the read; refuses a
   * principal whose grants hide cells. Served by the catalog server, in process.
   */
  default AccessDecision readFullTable(Principal principal, TableId name) {
    throw servedInProcess("full table reads");
  }

  /** Refuses, on record, a change an engine asks for where none is allowed; always throws. */
  default void refuseChange(Principal principal, CatalogObject name, String change) {
    throw servedInProcess("engine changes");
  }

  private static RuntimeException servedInProcess(String what) {
    return new InvalidRequestException(
        what + " are decided by the catalog server's Iceberg REST endpoint, not over its API");
  }

  /**
   * Creates a data filter on a table of the actor's own account (its producer's administrator or
   * governance acting for it); audited.
   */
  DataFilter createFilter(Principal actor, DataFilter filter);

  /** The data filters of a table the actor may describe. */
  List<DataFilter> filters(Principal actor, TableId table);

  /**
   * Approves a pending request for a table with fewer rights: SELECT through one of the table's
   * data filters instead of what was asked.
   */
  AccessRequest approveWithFilter(Principal actor, long requestId, String filterName);

  /** Drops a data filter; grants made on it end with it, as a cascade. */
  void dropFilter(Principal actor, TableId table, String name);

  CatalogTable describe(Principal principal, TableId name);

  List<String> databases(Principal principal);

  List<String> tables(Principal principal, String database);

  CatalogTable publish(Principal actor, Publication publication);

  /** Creates the missing default links of the table's ACTIVE subscribers. */
  default List<ResourceLink> ensureSubscriberLinks(Principal actor, TableId table) {
    return ensureSubscriberLinks(actor, table, List.of()).created();
  }

  /**
   * Creates the missing default links of the table's ACTIVE subscribers and of the subscribers its
   * producer declares; declared ones that hold no permission yet are reported as waiting.
   */
  SubscriberLinks ensureSubscriberLinks(
      Principal actor, TableId table, Collection<String> declared);

  List<ProductListing> search(Principal actor, SearchQuery query);

  /** The page of {@link #search} that {@code query} asks for, and where the next one starts. */
  default SearchPage searchPage(Principal actor, SearchQuery query) {
    int limit = query.limit();
    return SearchPage.of(
        search(actor, limit == SearchQuery.NO_LIMIT ? query : query.withLimit(limit + 1)), query);
  }

  List<AuditEvent> audit(Principal actor, AuditQuery query);

  EventSubscription subscribeEvents(Principal actor, EventSubscription draft);

  List<EventSubscription> eventSubscriptions(Principal actor);

  void unsubscribeEvents(Principal actor, long subscription);

  List<EventDelivery> deadLetters(Principal actor);

  List<EventDelivery> retryDeadLetters(Principal actor, long subscription);

  List<AuditVerification> verifyAudit(Principal actor);

  AuditVerification verifyAudit(Principal actor, String log);

  /** The product's freshness as its discovery card shows it (see {@link Governance#freshness}). */
  Freshness freshness(Principal actor, TableId product);

  /** One pass of the freshness monitor as the actor (see {@link Governance#checkFreshness}). */
  MonitorPass checkFreshness(Principal actor);

  /**
   * One pass over every product of the mesh, made by the principals who watch them (each governance
   * account's administrator, and each ungoverned producer's), as {@code serve} and {@code monitor}
   * do.
   */
  default MonitorPass checkFreshness() {
    MonitorPass all = null;
    for (Principal watcher : FreshnessMonitor.watchers(mesh())) {
      MonitorPass pass = checkFreshness(watcher);
      all = all == null ? pass : all.plus(pass);
    }
    return all == null ? MonitorPass.empty(Instant.now()) : all;
  }
}
