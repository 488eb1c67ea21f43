package io.lakemesh.governance.rules;

import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import java.util.EnumSet;
import java.util.Set;

/** A grant as asked for: who grants what to whom, with which grant options. */
record GrantAsked(
    Principal actor,
    Principal grantee,
    Resource resource,
    Set<Permission> permissions,
    Set<Permission> grantable) {

  /** The owner of the data: the account whose catalog names the resource. */
  String owner() {
    return resource.catalog();
  }

  /** What granting this passes on: the permissions and the grant option on some of them. */
  Set<Permission> passed() {
    Set<Permission> all = EnumSet.noneOf(Permission.class);
    all.addAll(permissions);
    all.addAll(grantable);
    return all;
  }

  /** {@code GRANT SELECT to marketing on}, the action as refusals name it. */
  String action() {
    return "GRANT " + Permission.format(permissions) + " to " + grantee + " on";
  }
}
