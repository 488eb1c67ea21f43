package io.lakemesh.catalog.aws;

import io.lakemesh.governance.Permission;
import java.util.Set;

/**
 * One difference between the grants lakemesh recorded and the permissions Lake Formation holds.
 *
 * @param kind what differs
 * @param account the mesh account whose Lake Formation was compared
 * @param principal the grantee, as Lake Formation names it
 * @param resource the Lake Formation resource, in a stable text form
 * @param recorded the permissions lakemesh recorded (empty when not recorded)
 * @param recordedGrantable the grant options lakemesh recorded
 * @param held the permissions Lake Formation lists (empty when missing there)
 * @param heldGrantable the grant options Lake Formation lists
 */
public record GrantDrift(
    Kind kind,
    String account,
    String principal,
    String resource,
    Set<Permission> recorded,
    Set<Permission> recordedGrantable,
    Set<Permission> held,
    Set<Permission> heldGrantable) {

  public enum Kind {
    /** Recorded by lakemesh, absent from Lake Formation: the grant is not in effect. */
    MISSING_IN_LAKE_FORMATION,
    /**
     * In Lake Formation for a mesh principal on mesh data, with no record: granted outside
     * lakemesh.
     */
    NOT_RECORDED,
    /** Both have it, with different permissions or grant options. */
    DIFFERENT
  }

  public GrantDrift {
    recorded = Set.copyOf(recorded);
    recordedGrantable = Set.copyOf(recordedGrantable);
    held = Set.copyOf(held);
    heldGrantable = Set.copyOf(heldGrantable);
  }

  @Override
  public String toString() {
    return kind
        + " in account "
        + account
        + ": "
        + principal
        + " on "
        + resource
        + " (recorded "
        + describe(recorded, recordedGrantable)
        + ", Lake Formation "
        + describe(held, heldGrantable)
        + ")";
  }

  private static String describe(Set<Permission> permissions, Set<Permission> grantable) {
    if (permissions.isEmpty() && grantable.isEmpty()) {
      return "none";
    }
    return Permission.format(permissions)
        + (grantable.isEmpty() ? "" : " grantable " + Permission.format(grantable));
  }
}
