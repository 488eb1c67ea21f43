package io.lakemesh.catalog.jdbc;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.SupportsDataFilters;
import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.catalog.SupportsLinks;
import io.lakemesh.catalog.SupportsTags;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AlreadyExistsException;
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
import io.lakemesh.governance.TagTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;

/**
 * The access-control state of the embedded catalog: grants, LF-tags, resource links, data filters
 * and access requests, in the tables of migrations V2 and V8.
 */
abstract class JdbcAccessCatalog extends BaseJdbcCatalog
    implements SupportsGrants,
        SupportsTags,
        SupportsLinks,
        SupportsDataFilters,
        SupportsAccessRequests {

  // ---- grants

  @Override
  public Grant addGrant(Grant grant) {
    return transaction("grant", grant, h -> GrantRows.add(h, grant));
  }

  @Override
  public Optional<Grant> removeGrant(
      Principal grantee, Resource resource, Set<Permission> permissions) {
    return transaction(
        "revoke from " + grantee + " on",
        resource,
        h -> GrantRows.remove(h, grantee, resource, permissions));
  }

  @Override
  public boolean noteExpiry(long grantId, Grant.ExpiryNotice from, Grant.ExpiryNotice to) {
    return transaction(
        "record the expiry of",
        "grant " + grantId,
        h -> GrantRows.noteExpiry(h, grantId, from, to));
  }

  @Override
  public List<Grant> grantsExpiringBy(Instant until) {
    return read("list grants expiring by", until, h -> GrantRows.expiringBy(h, until));
  }

  @Override
  public Optional<Grant> findGrant(Principal grantee, Resource resource) {
    return read(
        "find grant to " + grantee + " on", resource, h -> GrantRows.find(h, grantee, resource));
  }

  @Override
  public Optional<Grant> findGrant(long id) {
    return read("find grant", id, h -> GrantRows.find(h, id));
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, TableId table) {
    return read(
        "find grants of " + grantee + " on", table, h -> GrantRows.covering(h, grantee, table));
  }

  @Override
  public List<Grant> grantsCovering(Principal grantee, DatabaseId database) {
    return read(
        "find grants of " + grantee + " on",
        database,
        h -> GrantRows.covering(h, grantee, database));
  }

  @Override
  public List<Grant> grantsOn(String catalog) {
    return read("list grants on", catalog, h -> GrantRows.where(h, "catalog_name", catalog));
  }

  @Override
  public List<Grant> grantsHeldIn(String catalog) {
    return read("list grants held in", catalog, h -> GrantRows.where(h, "held_in", catalog));
  }

  @Override
  public List<Grant> grantsToAccount(String account) {
    return read("list grants to", account, h -> GrantRows.where(h, "grantee_account", account));
  }

  @Override
  public List<Grant> grantsAuthorisedBy(Authorisation authority) {
    String text = authority.toString();
    return read("list grants authorised by", text, h -> GrantRows.where(h, "authorisation", text));
  }

  @Override
  public SortedSet<String> catalogsGrantedTo(String account) {
    return read("list catalogs granted to", account, h -> GrantRows.catalogsGrantedTo(h, account));
  }

  // ---- LF-tags

  @Override
  public void createTag(String catalog, LfTag tag) {
    write(
        "create LF-tag " + tag.key() + " in",
        catalog,
        h -> {
          if (TagRows.find(h, catalog, tag.key()).isPresent()) {
            throw new AlreadyExistsException(
                "LF-tag " + tag.key() + " already exists in catalog " + catalog);
          }
          TagRows.create(h, catalog, tag, Instant.now());
        });
  }

  @Override
  public Optional<LfTag> findTag(String catalog, String key) {
    return read("find LF-tag " + key + " in", catalog, h -> TagRows.find(h, catalog, key));
  }

  @Override
  public List<LfTag> listTags(String catalog) {
    return read("list LF-tags of", catalog, h -> TagRows.list(h, catalog));
  }

  @Override
  public void assignTag(TagAssignment assignment) {
    write("assign LF-tag", assignment, h -> TagRows.assign(h, assignment));
  }

  @Override
  public boolean removeTag(TagTarget target, String key) {
    return transaction(
        "remove LF-tag " + key + " from", target, h -> TagRows.remove(h, target, key));
  }

  @Override
  public List<TagAssignment> tagsOf(TableId table) {
    return read("read LF-tags of", table, h -> TagRows.of(h, table));
  }

  @Override
  public List<TagAssignment> tagsOf(DatabaseId database) {
    return read("read LF-tags of", database, h -> TagRows.of(h, database));
  }

  // ---- resource links

  @Override
  public void createLink(ResourceLink link) {
    write(
        "create",
        link,
        h -> {
          boolean taken =
              link instanceof ResourceLink.TableLink t
                  ? LinkRows.findTable(h, t.link()).isPresent()
                  : LinkRows.findDatabase(h, ((ResourceLink.DatabaseLink) link).link()).isPresent();
          if (taken) {
            throw new AlreadyExistsException(
                "a resource link named " + link.name() + " exists already");
          }
          LinkRows.create(h, link, Instant.now());
        });
  }

  @Override
  public Optional<ResourceLink.TableLink> findTableLink(TableId name) {
    return read("find table link", name, h -> LinkRows.findTable(h, name));
  }

  @Override
  public Optional<ResourceLink.DatabaseLink> findDatabaseLink(DatabaseId name) {
    return read("find database link", name, h -> LinkRows.findDatabase(h, name));
  }

  @Override
  public List<ResourceLink> listLinks(String catalog) {
    return read("list links of", catalog, h -> LinkRows.list(h, catalog));
  }

  @Override
  public boolean dropLink(ResourceLink link) {
    return transaction("drop", link, h -> LinkRows.drop(h, link));
  }

  // ---- data filters

  @Override
  public void createFilter(DataFilter filter) {
    write("create", filter, h -> FilterRows.create(h, filter, Instant.now()));
  }

  @Override
  public Optional<DataFilter> findFilter(TableId table, String name) {
    return read("find data filter " + name + " of", table, h -> FilterRows.find(h, table, name));
  }

  @Override
  public List<DataFilter> listFilters(String catalog) {
    return read("list data filters of", catalog, h -> FilterRows.list(h, catalog));
  }

  @Override
  public boolean dropFilter(TableId table, String name) {
    return transaction(
        "drop data filter " + name + " of", table, h -> FilterRows.drop(h, table, name));
  }

  // ---- access requests

  @Override
  public AccessRequest createRequest(AccessRequest request) {
    return transaction("store", request, h -> RequestRows.create(h, request));
  }

  @Override
  public Optional<AccessRequest> findRequest(long id) {
    return read("find access request", id, h -> RequestRows.find(h, id));
  }

  @Override
  public AccessRequest updateRequest(AccessRequest request, AccessRequest.State expected) {
    return transaction("update", request, h -> RequestRows.update(h, request, expected));
  }

  @Override
  public List<AccessRequest> requestsFor(String catalog) {
    return read(
        "list access requests for", catalog, h -> RequestRows.where(h, "catalog_name", catalog));
  }

  @Override
  public List<AccessRequest> requestsBy(String account) {
    return read(
        "list access requests by",
        account,
        h -> RequestRows.where(h, "requester_account", account));
  }
}
