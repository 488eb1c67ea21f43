package io.lakemesh.catalog.aws;

import io.lakemesh.governance.Permission;
import java.util.Set;

/** The permissions and grant options Lake Formation lists for one principal on one resource. */
public record HeldPermissions(Set<Permission> permissions, Set<Permission> grantable) {
  public HeldPermissions {
    permissions = Permission.setOf(permissions);
    grantable = Permission.setOf(grantable);
  }
}
