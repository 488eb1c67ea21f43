package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidIdentifierException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Lake Formation's data permissions; {@link #ALL} implies every other one. */
public enum Permission {
  SELECT,
  DESCRIBE,
  INSERT,
  DELETE,
  ALTER,
  DROP,
  ALL;

  private static final String EXPECTED =
      "one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

  public static Permission parse(String text) {
    String wanted = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (Permission permission : values()) {
      if (permission.name().equals(wanted)) {
        return permission;
      }
    }
    throw new InvalidIdentifierException("permission", text, EXPECTED);
  }

  /** Parses a comma-separated list such as {@code SELECT,DESCRIBE}. */
  public static Set<Permission> parseList(String text) {
    Set<Permission> permissions = EnumSet.noneOf(Permission.class);
    for (String part : (text == null ? "" : text).split(",", -1)) {
      permissions.add(parse(part));
    }
    return permissions;
  }

  /** True when holding {@code held} includes this permission. */
  public boolean isIn(Collection<Permission> held) {
    return held.contains(this) || held.contains(ALL);
  }

  /** True when {@code held} includes every one of {@code wanted}. */
  public static boolean covers(Collection<Permission> held, Collection<Permission> wanted) {
    return wanted.stream().allMatch(p -> p.isIn(held));
  }

  /**
   * True when the permission can be granted on that kind of resource (columns and data filters take
   * SELECT only).
   */
  public boolean appliesTo(Resource.Kind kind) {
    boolean selectOnly =
        kind == Resource.Kind.TABLE_WITH_COLUMNS || kind == Resource.Kind.DATA_CELLS_FILTER;
    return !selectOnly || this == SELECT;
  }

  /** An immutable, ordered copy. */
  public static Set<Permission> setOf(Collection<Permission> permissions) {
    return permissions.isEmpty()
        ? Set.of()
        : Collections.unmodifiableSet(EnumSet.copyOf(permissions));
  }

  /** {@code SELECT,DESCRIBE}: the list form, in declaration order. */
  public static String format(Collection<Permission> permissions) {
    return setOf(permissions).stream().map(Enum::name).collect(Collectors.joining(","));
  }
}
