package io.lakemesh.governance;

import io.lakemesh.catalog.Names;
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
 * @param expires the instant from which the grant gives nothing; null when it never expires
 * @param notice how far its expiry has been recorded: told as coming, or recorded as ended
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
    Instant grantedAt,
    Instant expires,
    ExpiryNotice notice) {

  /**
   * How far a grant's expiry has been recorded, so that each notice is written once whichever check
   * or sweep meets it first.
   */
  public enum ExpiryNotice {
    NONE,
    /** ACCESS_EXPIRING was told (seven days before). */
    EXPIRING,
    /** The expiry was audited, told as ACCESS_EXPIRED, and what rested on the grant ended. */
    EXPIRED
  }

  public Grant {
    Names.account(catalog);
    Objects.requireNonNull(grantee, "grantee");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(grantor, "grantor");
    Objects.requireNonNull(grantedAt, "grantedAt");
    notice = notice == null ? ExpiryNotice.NONE : notice;
    permissions = Permission.setOf(permissions);
    grantable = Permission.setOf(grantable);
    check(resource, permissions, grantable);
  }

  /** A grant that never expires, as stored before expiries existed. */
  public Grant(
      long id,
      String catalog,
      Principal grantee,
      Resource resource,
      Set<Permission> permissions,
      Set<Permission> grantable,
      Principal grantor,
      Authorisation authorisation,
      Instant grantedAt) {
    this(
        id,
        catalog,
        grantee,
        resource,
        permissions,
        grantable,
        grantor,
        authorisation,
        grantedAt,
        null,
        ExpiryNotice.NONE);
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

  public Optional<Instant> expiry() {
    return Optional.ofNullable(expires);
  }

  /** True from the instant of its expiry on: the grant then gives nothing. */
  public boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  /** The same grant, expiring at {@code at} (null: never), with no notice recorded yet. */
  public Grant expiring(Instant at) {
    return withExpiry(at, ExpiryNotice.NONE);
  }

  /** The same grant with this notice of its expiry recorded. */
  public Grant noticed(ExpiryNotice recorded) {
    return withExpiry(expires, recorded);
  }

  private Grant withExpiry(Instant at, ExpiryNotice recorded) {
    return toBuilder().expires(at).notice(recorded).build();
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
   * options are added; holder, grantor, authorisation, time and expiry become the later grant's (a
   * grant made again without an expiry no longer expires). On an entry whose expiry is recorded the
   * later grant replaces it.
   */
  public Grant mergedWith(Grant later) {
    if (!later.grantee.equals(grantee) || !later.resource.equals(resource)) {
      throw new IllegalArgumentException(later + " is not a grant on the entry of " + this);
    }
    if (notice == ExpiryNotice.EXPIRED) {
      // What expired gives nothing and is not revived: the later grant replaces the entry.
      return later.withId(id);
    }
    return later.toBuilder()
        .id(id)
        .permissions(union(permissions, later.permissions))
        .grantable(union(grantable, later.grantable))
        .build();
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
    return Optional.of(toBuilder().permissions(left).grantable(option).build());
  }

  public Grant withId(long newId) {
    return toBuilder().id(newId).build();
  }

  /**
   * A grant of {@code permissions} to {@code grantee} on {@code resource}; the builder's other
   * parts default to a grant not yet stored (id 0), without grant option, authorisation or expiry.
   */
  public static Builder builder(Principal grantee, Resource resource, Set<Permission> permissions) {
    return new Builder().grantee(grantee).resource(resource).permissions(permissions);
  }

  /** A builder holding every part of this grant, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .catalog(catalog)
        .grantee(grantee)
        .resource(resource)
        .permissions(permissions)
        .grantable(grantable)
        .grantor(grantor)
        .authorisation(authorisation)
        .grantedAt(grantedAt)
        .expires(expires)
        .notice(notice);
  }

  /** Builds a {@link Grant} part by part; {@link #build} validates it as the constructor does. */
  public static final class Builder {
    private long id;
    private String catalog;
    private Principal grantee;
    private Resource resource;
    private Set<Permission> permissions = Set.of();
    private Set<Permission> grantable = Set.of();
    private Principal grantor;
    private Authorisation authorisation;
    private Instant grantedAt;
    private Instant expires;
    private ExpiryNotice notice = ExpiryNotice.NONE;

    private Builder() {}

    public Builder id(long value) {
      this.id = value;
      return this;
    }

    public Builder catalog(String value) {
      this.catalog = value;
      return this;
    }

    public Builder grantee(Principal value) {
      this.grantee = value;
      return this;
    }

    public Builder resource(Resource value) {
      this.resource = value;
      return this;
    }

    public Builder permissions(Set<Permission> value) {
      this.permissions = value;
      return this;
    }

    public Builder grantable(Set<Permission> value) {
      this.grantable = value;
      return this;
    }

    public Builder grantor(Principal value) {
      this.grantor = value;
      return this;
    }

    /** What the grant rests on when the grantor is not the owner; null when the owner granted. */
    public Builder authorisation(Authorisation value) {
      this.authorisation = value;
      return this;
    }

    public Builder grantedAt(Instant value) {
      this.grantedAt = value;
      return this;
    }

    /** The instant from which the grant gives nothing; null when it never expires. */
    public Builder expires(Instant value) {
      this.expires = value;
      return this;
    }

    public Builder notice(ExpiryNotice value) {
      this.notice = value;
      return this;
    }

    public Grant build() {
      return new Grant(
          id,
          catalog,
          grantee,
          resource,
          permissions,
          grantable,
          grantor,
          authorisation,
          grantedAt,
          expires,
          notice);
    }
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
