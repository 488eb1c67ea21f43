package io.lakemesh.catalog;

import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A catalog that stores grants. Storage only: who may grant what is decided before these are
 * called. One grant is kept per (grantee, resource).
 */
public interface SupportsGrants {

  /**
   * Adds the grant's permissions and grant options to the (grantee, resource) entry, creating it
   * when missing; grantor, authorisation and time become the given ones. Returns the entry as it
   * now stands, with its id.
   */
  Grant addGrant(Grant grant);

  /**
   * Removes the permissions, and the grant option on them, from the entry; removes the entry when
   * none are left. Returns what is left; empty when nothing is left or there was no entry.
   */
  Optional<Grant> removeGrant(Principal grantee, Resource resource, Set<Permission> permissions);

  Optional<Grant> findGrant(Principal grantee, Resource resource);

  /**
   * Records how far the entry's expiry has been told, when it stands at {@code from}: true when
   * this call moved it, false when another got there first (or the entry is gone), so that each
   * notice is written once. Recording {@link Grant.ExpiryNotice#EXPIRED} also takes the permissions
   * away wherever the backend carries grants out (Lake Formation on AWS); the record stays, shown
   * as expired.
   */
  boolean noteExpiry(long grantId, Grant.ExpiryNotice from, Grant.ExpiryNotice to);

  /**
   * The grants that expire at or before {@code until} and whose expiry is not recorded as {@link
   * Grant.ExpiryNotice#EXPIRED} yet, by id: what a sweep has to tell.
   */
  List<Grant> grantsExpiringBy(Instant until);

  Optional<Grant> findGrant(long id);

  /**
   * The grantee's grants that can bear on a table: on the table, on its columns and its data
   * filters, on its database and the LF-tag policies of the table's catalog. This is the
   * entitlement lookup of every query, so backends must answer it from an index, never by scanning
   * grants.
   */
  List<Grant> grantsCovering(Principal grantee, TableId table);

  /** The grantee's grants on the database and the LF-tag policies of its catalog. */
  List<Grant> grantsCovering(Principal grantee, DatabaseId database);

  /** Grants on resources of one catalog (a producer's data, or a consumer's links). */
  List<Grant> grantsOn(String catalog);

  /** Grants held in one catalog (see {@link io.lakemesh.governance.Mesh#holderOf}). */
  List<Grant> grantsHeldIn(String catalog);

  /** Grants to an account's administrator and to every principal inside it. */
  List<Grant> grantsToAccount(String account);

  /**
   * The grants whose last grant rests on this authority (see {@link Grant#authorisation}), by id.
   * When an authority ends, these end with it, so backends answer it from an index.
   */
  List<Grant> grantsAuthorisedBy(Authorisation authority);

  /**
   * The catalogs of the resources granted to an account's administrator or to a principal inside
   * it: those of {@link #grantsToAccount}, which backends with an index answer without reading
   * every grant.
   */
  default SortedSet<String> catalogsGrantedTo(String account) {
    return grantsToAccount(account).stream()
        .map(g -> g.resource().catalog())
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
