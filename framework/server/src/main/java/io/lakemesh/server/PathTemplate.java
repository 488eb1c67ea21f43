package io.lakemesh.server;

import java.util.HashMap;
import java.util.Map;

/**
 * A path with variables ({@code /requests/{id}/approve}), matched segment by segment; leading and
 * trailing slashes do not count. Both the API and the Iceberg REST catalog route with it.
 */
public final class PathTemplate {
  private final String[] segments;

  private PathTemplate(String[] segments) {
    this.segments = segments;
  }

  public static PathTemplate of(String template) {
    return new PathTemplate(split(template));
  }

  /** The variables of a path split by {@link #split}, or null when it does not match. */
  public Map<String, String> match(String[] parts) {
    if (segments.length != parts.length) {
      return null;
    }
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < segments.length; i++) {
      String t = segments[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        vars.put(t.substring(1, t.length() - 1), parts[i]);
      } else if (!t.equals(parts[i])) {
        return null;
      }
    }
    return vars;
  }

  /** The segments of a path, empty ones inside it kept. */
  public static String[] split(String path) {
    String trimmed = path.replaceAll("^/+|/+$", "");
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
