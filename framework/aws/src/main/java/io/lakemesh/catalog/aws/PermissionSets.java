package io.lakemesh.catalog.aws;

import io.lakemesh.governance.Permission;
import java.util.EnumSet;
import java.util.Set;

/** Set arithmetic on permissions, each result a new mutable set. */
final class PermissionSets {
  private PermissionSets() {}

  static Set<Permission> union(Set<Permission> a, Set<Permission> b) {
    Set<Permission> all = copy(a);
    all.addAll(b);
    return all;
  }

  static Set<Permission> minus(Set<Permission> a, Set<Permission> b) {
    Set<Permission> left = copy(a);
    left.removeAll(b);
    return left;
  }

  static Set<Permission> intersect(Set<Permission> a, Set<Permission> b) {
    Set<Permission> both = copy(a);
    both.retainAll(b);
    return both;
  }

  private static Set<Permission> copy(Set<Permission> permissions) {
    Set<Permission> copy = EnumSet.noneOf(Permission.class);
    copy.addAll(permissions);
    return copy;
  }
}
