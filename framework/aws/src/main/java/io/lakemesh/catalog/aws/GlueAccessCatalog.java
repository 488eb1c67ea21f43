package io.lakemesh.catalog.aws;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.TagAssignment;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The access-control part of the catalog on AWS: grants (Lake Formation, then the record), data
 * cells filters, LF-tags, resource links and cross-account shares, and access requests.
 */
abstract class GlueAccessCatalog extends BaseGlueCatalog
    implements SupportsGrants,
        SupportsTags,
        SupportsLinks,
        SupportsAccessRequests,
        SupportsDataFilters {
  GlueAccessCatalog(List<ExecutionInterceptor> interceptors) {
    super(interceptors);
  }

  // ---- grants

  /**
   * Grants in Lake Formation first (with DESCRIBE on the grantee's links to the resource, {@link
   * LinkDescribeGrants}), then records the grant; see {@link #grantDrift}.
   */
  @Override
  public Grant addGrant(Grant grant) {
    return grants.add(
        grant,
        g -> {
          permissions.grant(g);
          linkGrants.granted(g);
        });
  }

  /**
   * Revokes in Lake Formation first, then updates the record; when the entry ends, DESCRIBE on the
   * grantee's links that no longer serve a grant of its goes too (a re-run after a failure between
   * the two finds no entry and converges).
   */
  @Override
  public Optional<Grant> removeGrant(
      Principal grantee, Resource resource, Set<Permission> revoked) {
    Optional<Grant> left =
        grants.remove(
            grantee,
            resource,
            revoked,
            recorded -> permissions.revoke(grantee, resource, revoked, recorded));
    if (left.isEmpty()) {
      linkGrants.ended(grantee, resource, grants.where(g -> g.grantee().equals(grantee)));
    }
    return left;
  }

  /**
   * Records the notice; an expiry recorded as EXPIRED is first revoked in Lake Formation (with
   * DESCRIBE on the grantee's links that serve no other grant), since Lake Formation's own grants
   * do not expire ("Granting and revoking permissions on Data Catalog resources", Lake Formation
   * Developer Guide). The record stays, shown as expired; {@link #grantDrift} counts it as ended.
   */
  @Override
  public boolean noteExpiry(long grantId, Grant.ExpiryNotice from, Grant.ExpiryNotice to) {
    return grants.noteExpiry(
        grantId,
        from,
        to,
        g -> {
          if (to == Grant.ExpiryNotice.EXPIRED) {
            permissions.revoke(g.grantee(), g.resource(), g.permissions(), Optional.of(g));
            linkGrants.ended(
                g.grantee(),
                g.resource(),
                grants.where(
                    o ->
                        o.grantee().equals(g.grantee())
                            && o.id() != g.id()
                            && o.notice() != Grant.ExpiryNotice.EXPIRED));
          }
        });
  }

  @Override
  public List<Grant> grantsExpiringBy(Instant until) {
    return grants.where(g -> g.expiredAt(until) && g.notice() != Grant.ExpiryNotice.EXPIRED);
  }

  @Override
  public Optional<Grant> findGrant(Principal grantee, Resource resource) {
    return grants.find(grantee, resource);
  }

  @Override
  public Optional<Grant> findGrant(long id) {
    return grants.find(id);
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, TableId table) {
    return grants.covering(grantee, table);
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, DatabaseId database) {
    return grants.covering(grantee, database);
  }

  @Override
  public List<Grant> grantsOn(String catalog) {
    return grants.where(g -> g.resource().catalog().equals(catalog));
  }

  @Override
  public List<Grant> grantsHeldIn(String catalog) {
    return grants.where(g -> g.catalog().equals(catalog));
  }

  @Override
  public List<Grant> grantsToAccount(String account) {
    return grants.where(g -> g.grantee().account().equals(account));
  }

  @Override
  public List<Grant> grantsAuthorisedBy(Authorisation authority) {
    return grants.where(g -> authority.equals(g.authorisation()));
  }

  /** What Lake Formation itself lists for the grantee on the resource (ListPermissions). */
  public HeldPermissions permissionsInLakeFormation(Principal grantee, Resource resource) {
    var entry = resources.entries(grantee, resource, Set.of(), Set.of(), false).get(0);
    return permissions.held(grantee, resource, entry);
  }

  /**
   * Where the recorded grants and Lake Formation disagree, for {@code lakemesh doctor}. Empty when
   * every recorded grant is in effect and Lake Formation holds nothing else for mesh principals on
   * mesh data.
   */
  public List<GrantDrift> grantDrift() {
    // An expiry recorded as EXPIRED was revoked in Lake Formation: it is no longer expected there.
    List<Grant> inEffect =
        grants.all().stream().filter(g -> g.notice() != Grant.ExpiryNotice.EXPIRED).toList();
    return new LakeFormationDrift(names, resources, permissions, linkGrants, links::list)
        .compare(inEffect, entries.listDatabases(null), membership);
  }

  // ---- data filters

  /** A data cells filter in the holder's Lake Formation ({@link LakeFormationDataFilters}). */
  @Override
  public void createFilter(DataFilter filter) {
    filters.create(filter);
  }

  @Override
  public Optional<DataFilter> findFilter(TableId table, String name) {
    return filters.find(table, name);
  }

  @Override
  public List<DataFilter> listFilters(String catalog) {
    return filters.list(catalog);
  }

  /**
   * Deletes the data cells filter, with whatever the holder's Lake Formation still lists on it; the
   * recorded grants on it are the governance rules' to end first, as a cascade.
   */
  @Override
  public boolean dropFilter(TableId table, String name) {
    return filters.drop(table, name);
  }

  // ---- LF-tags

  @Override
  public void createTag(String catalog, LfTag tag) {
    tags.create(catalog, tag);
  }

  @Override
  public Optional<LfTag> findTag(String catalog, String key) {
    return tags.find(catalog, key);
  }

  @Override
  public List<LfTag> listTags(String catalog) {
    return tags.list(catalog);
  }

  @Override
  public void assignTag(TagAssignment assignment) {
    tags.assign(assignment);
  }

  @Override
  public boolean removeTag(TagTarget target, String key) {
    return tags.remove(target, key);
  }

  @Override
  public List<TagAssignment> tagsOf(TableId table) {
    return tags.of(table);
  }

  @Override
  public List<TagAssignment> tagsOf(DatabaseId database) {
    return tags.of(database);
  }

  /**
   * The producer's tables whose LF-tags match, as Lake Formation finds them (SearchTablesByLFTags).
   */
  public List<TableId> tablesMatching(String catalog, TagExpression expression) {
    Set<DatabaseId> own = new HashSet<>(entries.listDatabases(catalog));
    return tags.tablesMatching(catalog, expression).stream()
        .filter(t -> own.contains(t.databaseId()))
        .toList();
  }

  // ---- resource links

  /**
   * Creates the link, then grants DESCRIBE on it to its account's principals granted on its target.
   */
  @Override
  public void createLink(ResourceLink link) {
    links.create(link);
    linkGrants.linked(link, grantsToAccount(link.catalog()));
  }

  @Override
  public Optional<ResourceLink.TableLink> findTableLink(TableId linkName) {
    return links.findTable(linkName);
  }

  @Override
  public Optional<ResourceLink.DatabaseLink> findDatabaseLink(DatabaseId linkName) {
    return links.findDatabase(linkName);
  }

  @Override
  public List<ResourceLink> listLinks(String catalog) {
    return links.list(catalog);
  }

  /** Takes back the DESCRIBE granted on the link, then deletes it. */
  @Override
  public boolean dropLink(ResourceLink link) {
    Optional<ResourceLink> held = links.find(link);
    if (held.isEmpty()) {
      return false;
    }
    linkGrants.unlinking(held.get(), grantsToAccount(link.catalog()));
    return links.drop(link);
  }

  /**
   * Accepts the consumer's pending resource-share invitations from the accounts that hold mesh
   * entries; returns the names of the shares accepted. Creating a link does this for its target.
   */
  public List<String> acceptShares(String consumer) {
    AwsAccount account = names.account(consumer);
    Set<String> senders = new HashSet<>();
    names.holders().forEach(h -> senders.add(h.awsAccountId()));
    senders.remove(account.awsAccountId());
    return ram.acceptFrom(account, senders);
  }

  // ---- access requests

  @Override
  public AccessRequest createRequest(AccessRequest request) {
    return requests.create(request);
  }

  @Override
  public Optional<AccessRequest> findRequest(long id) {
    return requests.find(id);
  }

  @Override
  public AccessRequest updateRequest(AccessRequest request, AccessRequest.State expected) {
    return requests.update(request, expected);
  }

  @Override
  public List<AccessRequest> requestsFor(String catalog) {
    return requests.where(r -> r.owner().equals(catalog));
  }

  @Override
  public List<AccessRequest> requestsBy(String account) {
    return requests.where(r -> r.requester().account().equals(account));
  }
}
