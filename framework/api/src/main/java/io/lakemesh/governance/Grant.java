package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Permissions of one principal on one resource, as Lake Formation records them. A catalog keeps one
 * grant per (grantee, resource); granting again adds permissions to it.
 *
 * @param id assigned by the catalog; 0 before it is stored
 * @param catalog the account whose catalog holds the grant (see {@link Mesh#holderOf})
 * @param grantee who receives the permissions
 * @param resource what they apply to
 * @param permissions the permissions held
 * @param grantable those of them the grantee may grant on (the grant option)
 * @param grantor who granted last
 * @param authorisation what the last grant rests on when the grantor is not the owner; null when
 *     the owner granted
 * @param grantedAt when it was last granted
 */
public record Grant(
    long id,
    String catalog,
    Principal grantee,
    Resource resource,
    Set<Permission> permissions,
    Set<Permission> grantable,
    Principal grantor,
    Authorisation authorisation,
    Instant grantedAt) {

  public Grant {
    io.lakemesh.catalog.Names.account(catalog);
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(grantor, "grantor");
    Objects.requireNonNull(grantedAt, "grantedAt");
    permissions = Permission.setOf(permissions);
    grantable = Permission.setOf(grantable);
    check(resource, permissions, grantable);
  }

  /** Checks a permission set against a resource: not empty, applicable, grant option a subset. */
  public static void check(
      Resource resource, Set<Permission> permissions, Set<Permission> grantable) {
    if (permissions.isEmpty()) {
      throw new InvalidRequestException(
          "a grant on " + resource + " needs at least one permission");
    }
    for (Permission p : permissions) {
      if (!p.appliesTo(resource.kind())) {
        throw new InvalidRequestException(
            p
                + (resource.kind() == Resource.Kind.DATA_CELLS_FILTER
                    ? " cannot be granted on a data filter; data filters take SELECT only"
                    : " cannot be granted on columns; column grants take SELECT only")
                + ", as in Lake Formation");
      }
    }
    if (!Permission.covers(permissions, grantable)) {
      throw new InvalidRequestException(
          "grantable permissions "
              + Permission.format(grantable)
              + " must be among the granted ones ("
              + Permission.format(permissions)
              + ")");
    }
  }

  public Optional<Authorisation> authorisationRef() {
    return Optional.ofNullable(authorisation);
  }

  public boolean allows(Permission permission) {
    return permission.isIn(permissions);
  }

  /** True when the grantee may grant every one of these permissions on the resource. */
  public boolean mayGrant(Set<Permission> wanted) {
    return Permission.covers(grantable, wanted);
  }

  /**
   * This entry after a later grant to the same grantee on the same resource: permissions and grant
   * options are added; holder, grantor, authorisation and time become the later grant's.
   */
  public Grant mergedWith(Grant later) {
    if (!later.grantee.equals(grantee) || !later.resource.equals(resource)) {
      throw new IllegalArgumentException(later + " is not a grant on the entry of " + this);
    }
    return new Grant(
        id,
        later.catalog,
        grantee,
        resource,
        union(permissions, later.permissions),
        union(grantable, later.grantable),
        later.grantor,
        later.authorisation,
        later.grantedAt);
  }

  /**
   * This entry without the revoked permissions and the grant option on them (and on anything no
   * longer held); empty when no permission is left.
   */
  public Optional<Grant> without(Set<Permission> revoked) {
    Set<Permission> left = EnumSet.noneOf(Permission.class);
    left.addAll(permissions);
    left.removeAll(revoked);
    if (left.isEmpty()) {
      return Optional.empty();
    }
    Set<Permission> option = EnumSet.noneOf(Permission.class);
    grantable.stream().filter(p -> !revoked.contains(p) && p.isIn(left)).forEach(option::add);
    return Optional.of(
        new Grant(id, catalog, grantee, resource, left, option, grantor, authorisation, grantedAt));
  }

  public Grant withId(long newId) {
    return new Grant(
        newId,
        catalog,
        grantee,
        resource,
        permissions,
        grantable,
        grantor,
        authorisation,
        grantedAt);
  }

  private static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
    Set<Permission> all = EnumSet.noneOf(Permission.class);
    all.addAll(a);
    all.addAll(b);
    return all;
  }

  @Override
  public String toString() {
    return grantee
        + " "
        + Permission.format(permissions)
        + (grantable.isEmpty() ? "" : " (grantable " + Permission.format(grantable) + ")")
        + " on "
        + resource;
  }
}
