package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidRequestException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A consumer's request for permissions on a product (a table, some of its columns, one of its data
 * filters, or a database) and, once decided, the subscription it became.
 *
 * @param id assigned by the catalog; 0 before it is stored
 * @param requester who asks, and who receives the grant
 * @param resource what is asked for
 * @param permissions the permissions asked for
 * @param state where the request stands
 * @param granted what the producer approved (the same resource or fewer columns); null until then
 * @param grantedPermissions the permissions approved (the same or fewer); empty until then
 * @param reason the producer's reason for a denial; empty otherwise
 * @param decidedBy who made the last decision; null while pending
 * @param createdAt when it was first made
 * @param updatedAt when its state last changed
 * @param justification the requester's own words on why it needs the access, for the producer
 *     deciding; empty when none was given. Kept through decisions; replaced when asked again.
 * @param expires when the approved access ends (the grant made on the approval expires then); null
 *     when it does not end by itself
 */
public record AccessRequest(
    long id,
    Principal requester,
    Resource resource,
    Set<Permission> permissions,
    State state,
    Resource granted,
    Set<Permission> grantedPermissions,
    String reason,
    Principal decidedBy,
    Instant createdAt,
    Instant updatedAt,
    String justification,
    Instant expires) {

  /** The longest justification kept: a paragraph, not a document. */
  public static final int MAX_JUSTIFICATION = 1000;

  /** The subscription life cycle. */
  public enum State {
    PENDING,
    ACTIVE,
    DENIED,
    REVOKED;

    /** The states this one may move to. */
    public Set<State> next() {
      return switch (this) {
        case PENDING -> EnumSet.of(ACTIVE, DENIED);
        case DENIED -> EnumSet.of(ACTIVE);
        case ACTIVE -> EnumSet.of(REVOKED);
        case REVOKED -> EnumSet.of(PENDING);
      };
    }

    public boolean canMoveTo(State target) {
      return next().contains(target);
    }
  }

  public AccessRequest {
    Objects.requireNonNull(requester, "requester");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (resource instanceof Resource.LfTagPolicy) {
      throw new InvalidRequestException(
          "access is requested on a table, some of its columns or a database, not on " + resource);
    }
    permissions = Permission.setOf(permissions);
    Grant.check(resource, permissions, Set.of());
    grantedPermissions = Permission.setOf(grantedPermissions);
    reason = reason == null ? "" : reason;
    justification = checkJustification(justification);
  }

  /**
   * The same request as stored before justifications existed (and as built by callers that give
   * none): without one.
   */
  public AccessRequest(
      long id,
      Principal requester,
      Resource resource,
      Set<Permission> permissions,
      State state,
      Resource granted,
      Set<Permission> grantedPermissions,
      String reason,
      Principal decidedBy,
      Instant createdAt,
      Instant updatedAt) {
    this(
        id,
        requester,
        resource,
        permissions,
        state,
        granted,
        grantedPermissions,
        reason,
        decidedBy,
        createdAt,
        updatedAt,
        "",
        null);
  }

  /** The same request as stored before expiries existed: an approval that does not expire. */
  public AccessRequest(
      long id,
      Principal requester,
      Resource resource,
      Set<Permission> permissions,
      State state,
      Resource granted,
      Set<Permission> grantedPermissions,
      String reason,
      Principal decidedBy,
      Instant createdAt,
      Instant updatedAt,
      String justification) {
    this(
        id,
        requester,
        resource,
        permissions,
        state,
        granted,
        grantedPermissions,
        reason,
        decidedBy,
        createdAt,
        updatedAt,
        justification,
        null);
  }

  /** Trimmed; empty for none; refused when too long or holding control characters. */
  private static String checkJustification(String text) {
    String trimmed = text == null ? "" : text.strip();
    if (trimmed.length() > MAX_JUSTIFICATION) {
      throw new InvalidRequestException(
          "a justification is at most "
              + MAX_JUSTIFICATION
              + " characters, this one has "
              + trimmed.length()
              + "; say in a few sentences why the access is needed");
    }
    if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
      throw new InvalidRequestException(
          "a justification is plain text: remove the control characters (such as terminal"
              + " escapes) from it");
    }
    return trimmed;
  }

  /** A new pending request, without a justification. */
  public static AccessRequest pending(
      Principal requester, Resource resource, Set<Permission> permissions, Instant at) {
    return pending(requester, resource, permissions, "", at);
  }

  /** A new pending request, with the requester's justification (empty for none). */
  public static AccessRequest pending(
      Principal requester,
      Resource resource,
      Set<Permission> permissions,
      String justification,
      Instant at) {
    return new AccessRequest(
        0,
        requester,
        resource,
        permissions,
        State.PENDING,
        null,
        Set.of(),
        "",
        null,
        at,
        at,
        justification,
        null);
  }

  /** The table or database the request is about, whatever columns or data filter it names. */
  public Resource scope() {
    if (resource instanceof Resource.TableWithColumns c) {
      return Resource.table(c.id());
    }
    return resource instanceof Resource.DataCellsFilter f ? Resource.table(f.id()) : resource;
  }

  /** The producer whose data is requested. */
  public String owner() {
    return resource.catalog();
  }

  public AccessRequest withId(long newId) {
    return new AccessRequest(
        newId,
        requester,
        resource,
        permissions,
        state,
        granted,
        grantedPermissions,
        reason,
        decidedBy,
        createdAt,
        updatedAt,
        justification,
        expires);
  }

  public AccessRequest approved(
      Principal by, Resource grantedResource, Set<Permission> approved, Instant at) {
    return approved(by, grantedResource, approved, at, null);
  }

  /** Approved, the access ending at {@code until} (null: it does not end by itself). */
  public AccessRequest approved(
      Principal by, Resource grantedResource, Set<Permission> approved, Instant at, Instant until) {
    requireTransition(State.ACTIVE);
    return new AccessRequest(
        id,
        requester,
        resource,
        permissions,
        State.ACTIVE,
        grantedResource,
        approved,
        "",
        by,
        createdAt,
        at,
        justification,
        until);
  }

  public AccessRequest denied(Principal by, String why, Instant at) {
    requireTransition(State.DENIED);
    if (why == null || why.isBlank()) {
      throw new InvalidRequestException("a denial of request " + id + " needs a reason");
    }
    return new AccessRequest(
        id,
        requester,
        resource,
        permissions,
        State.DENIED,
        null,
        Set.of(),
        why,
        by,
        createdAt,
        at,
        justification,
        null);
  }

  public AccessRequest revoked(Principal by, Instant at) {
    requireTransition(State.REVOKED);
    return new AccessRequest(
        id,
        requester,
        resource,
        permissions,
        State.REVOKED,
        granted,
        grantedPermissions,
        "",
        by,
        createdAt,
        at,
        justification,
        expires);
  }

  /** Asked again after a revocation, without a justification. */
  public AccessRequest reopened(Resource asked, Set<Permission> askedPermissions, Instant at) {
    return reopened(asked, askedPermissions, "", at);
  }

  /**
   * Asked again after a revocation: pending once more, for what is asked now and why it is asked
   * now (the earlier justification was for the earlier request).
   */
  public AccessRequest reopened(
      Resource asked, Set<Permission> askedPermissions, String newJustification, Instant at) {
    requireTransition(State.PENDING);
    return new AccessRequest(
        id,
        requester,
        asked,
        askedPermissions,
        State.PENDING,
        null,
        Set.of(),
        "",
        null,
        createdAt,
        at,
        newJustification);
  }

  /** Fails with the allowed moves when the request cannot move to {@code target}. */
  public void requireTransition(State target) {
    if (!state.canMoveTo(target)) {
      throw new InvalidRequestException(
          "request "
              + id
              + " is "
              + state
              + " and cannot become "
              + target
              + " (from "
              + state
              + " it may only become "
              + String.join(" or ", state.next().stream().map(Enum::name).toList())
              + ")");
    }
  }

  @Override
  public String toString() {
    return "request "
        + id
        + " ("
        + state
        + ") of "
        + requester
        + " for "
        + Permission.format(permissions)
        + " on "
        + resource;
  }
}
