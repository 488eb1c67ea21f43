package io.lakemesh.governance.rules;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessRequest.State;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The part of {@link Governance} that gives and takes access: grants, access requests, resource
 * links, LF-tags and data filters; and the rule classes every part calls, built once per context.
 */
abstract class AccessGovernance implements GovernanceService {
  final Context ctx;
  final GrantRules grants;
  final LinkRules links;
  final RequestWorkflow requests;
  final TagRules tags;
  final AccessChecks access;
  final Publishing publishing;
  final Discovery discovery;
  final LineageWalk lineageWalk;
  final AuditReading audit;
  final RunRecords records;
  final RecordViews views;
  final TokenRecords tokens;
  final Membership membership;
  final FullTableAccess fullTable;
  final WarehouseChanges warehouse;
  final FilterRules filters;
  final OwnAccessReading ownAccess;
  final EventSubscriptions subscriptions;
  final FreshnessMonitor monitor;
  final ProductFreshness freshness;
  final AccessReviewing review;

  AccessGovernance(Context ctx) {
    this.ctx = ctx;
    Cascade cascade = new Cascade(ctx);
    this.grants = new GrantRules(ctx, cascade);
    this.links = new LinkRules(ctx);
    this.requests = new RequestWorkflow(ctx, links, cascade);
    this.tags = new TagRules(ctx);
    this.access = new AccessChecks(ctx);
    this.records = new RunRecords(ctx);
    this.views = new RecordViews(ctx, access);
    this.publishing = new Publishing(ctx, requests, links, records);
    this.discovery = new Discovery(ctx);
    this.lineageWalk = new LineageWalk(ctx, discovery, access);
    this.audit = new AuditReading(ctx, access.redaction());
    this.tokens = new TokenRecords(ctx);
    this.membership = new Membership(ctx);
    this.fullTable = new FullTableAccess(ctx, access);
    this.warehouse = new WarehouseChanges(ctx);
    this.filters = new FilterRules(ctx, cascade, access.redaction());
    this.ownAccess = new OwnAccessReading(ctx, discovery, requests);
    this.subscriptions = new EventSubscriptions(ctx, access.redaction());
    this.monitor = new FreshnessMonitor(ctx);
    this.freshness = new ProductFreshness(ctx);
    this.review = new AccessReviewing(ctx);
  }

  // ---- grants

  @Override
  public Grant grant(
      Principal actor,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Authorisation authorisation,
      Instant expires) {
    return grants.grant(
        new GrantAsked(actor, grantee, resource, permissions, grantable),
        Optional.ofNullable(authorisation),
        expires);
  }

  /**
   * Revokes permissions (and the grant option on them); returns what the grantee still holds on the
   * resource. A subscription whose grant lapses becomes REVOKED.
   */
  public Optional<Grant> revoke(
      Principal actor, Principal grantee, Resource resource, Set<Permission> permissions) {
    return grants.revoke(actor, grantee, resource, permissions);
  }

  /** The grants the principal may list (see {@link GrantRules}). */
  public List<Grant> grants(Principal actor) {
    return grants.visibleTo(actor);
  }

  // ---- access requests

  /** Asks for permissions on a table, some of its columns, or a database; returns the request. */
  public AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions) {
    return requestAccess(requester, resource, permissions, "");
  }

  /**
   * Asks as {@link #requestAccess(Principal, Resource, Set)} does, saying why: the justification is
   * stored with the request for the producer deciding on it (empty for none).
   */
  @Override
  public AccessRequest requestAccess(
      Principal requester, Resource resource, Set<Permission> permissions, String justification) {
    return requests.request(requester, resource, permissions, justification);
  }

  /** Requests the principal may see, oldest first. */
  public List<AccessRequest> requests(Principal actor) {
    return requests.visibleTo(actor);
  }

  /** Requests the principal made itself, oldest first. */
  public List<AccessRequest> ownRequests(Principal actor) {
    return requests.madeBy(actor);
  }

  /** Requests the principal decides on (for its own producer's data), oldest first. */
  public List<AccessRequest> requestsToDecide(Principal actor) {
    return requests.toDecide(actor);
  }

  /**
   * What the principal holds on a product and may do there; never refused to a principal of the
   * mesh, so a page may ask it first and call for nothing else the reader may not read.
   *
   * @throws io.lakemesh.exceptions.NotFoundException when the principal may not discover it
   */
  public OwnAccess ownAccess(Principal actor, TableId product) {
    return ownAccess.of(actor, product);
  }

  /** Pending requests on the producer's data (or those the principal made). */
  public List<AccessRequest> pendingRequests(Principal actor) {
    return requests.visibleTo(actor).stream().filter(r -> r.state() == State.PENDING).toList();
  }

  /** Approves as asked: grants in the catalog holding the product, and links for the consumer. */
  public AccessRequest approve(Principal actor, long requestId) {
    return approve(actor, requestId, null, null, null);
  }

  /**
   * Approves with fewer permissions or columns.
   *
   * @param permissions the permissions approved, among those asked; null for all of them
   * @param columns the columns approved, among those asked; null for those asked
   */
  public AccessRequest approve(
      Principal actor, long requestId, Set<Permission> permissions, List<String> columns) {
    return approve(actor, requestId, permissions, columns, null);
  }

  /** Approves as above, the grant it makes (and the request) expiring at {@code expires}. */
  @Override
  public AccessRequest approve(
      Principal actor,
      long requestId,
      Set<Permission> permissions,
      List<String> columns,
      Instant expires) {
    return requests.approve(actor, requestId, permissions, columns, expires);
  }

  /**
   * Records every expiry on the actor's data that no check has met yet, and tells once those coming
   * within seven days (ACCESS_EXPIRING); for governance administrators (every grant they govern)
   * and producer administrators (their own data). Idempotent: run it as often as wanted (the
   * monitor pass and {@code serve} do).
   */
  @Override
  public ExpirySweep expireGrants(Principal actor) {
    return review.sweep(actor);
  }

  /**
   * Every grant on the data the actor owns or governs, with its authority, age, expiry and last
   * audited use, sorted by product then holder.
   */
  @Override
  public AccessReview accessReview(Principal actor, AccessReview.Scope scope) {
    return review.review(actor, scope);
  }

  /** Approves a request for a table with SELECT through one of its data filters instead. */
  @Override
  public AccessRequest approveWithFilter(Principal actor, long requestId, String filterName) {
    return requests.approveWithFilter(actor, requestId, filterName);
  }

  public AccessRequest deny(Principal actor, long requestId, String reason) {
    return requests.deny(actor, requestId, reason);
  }

  /** Ends an ACTIVE subscription and revokes what it granted. */
  public AccessRequest revokeSubscription(Principal actor, long requestId) {
    return requests.revoke(actor, requestId);
  }

  // ---- resource links

  public ResourceLink createLink(Principal actor, ResourceLink link) {
    return links.create(actor, link);
  }

  /** Drops the link stored under the given link's name. */
  public void dropLink(Principal actor, ResourceLink link) {
    links.drop(actor, link);
  }

  /** The links of the principal's account catalog, with where each leads. */
  public List<LinkStatus> links(Principal actor) {
    return links.list(actor);
  }

  // ---- LF-tags

  /** Defines an LF-tag in the actor's own catalog. */
  public LfTag createTag(Principal actor, LfTag tag) {
    return tags.create(actor, actor.account(), tag);
  }

  /** Defines an LF-tag in a catalog that keeps them (see {@link Mesh#keepsTags}). */
  public LfTag createTag(Principal actor, String catalog, LfTag tag) {
    return tags.create(actor, catalog, tag);
  }

  public List<LfTag> tags(String catalog) {
    return tags.list(catalog);
  }

  public void assignTag(Principal actor, TagTarget target, String key, String value) {
    tags.assign(actor, target, key, value);
  }

  public void removeTag(Principal actor, TagTarget target, String key) {
    tags.remove(actor, target, key);
  }

  /** The LF-tag values in force on a table and its columns, for a principal who may describe it. */
  public EffectiveTags effectiveTags(Principal actor, TableId name) {
    return tags.effective(access.describe(actor, name));
  }

  // ---- data filters

  /** Creates a data filter on a producer's table (see {@link FilterRules}). */
  @Override
  public DataFilter createFilter(Principal actor, DataFilter filter) {
    return filters.create(actor, filter);
  }

  /** The filters of a table: all to its producer and governance, those held to anyone else. */
  @Override
  public List<DataFilter> filters(Principal actor, TableId table) {
    return filters.list(actor, table);
  }

  /** Drops a data filter, ending the grants and requests made on it. */
  @Override
  public void dropFilter(Principal actor, TableId table, String name) {
    filters.drop(actor, table, name);
  }
}
