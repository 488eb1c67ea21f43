package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
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
                + " cannot be granted on columns; column grants take SELECT only, as in Lake"
                + " Formation");
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
