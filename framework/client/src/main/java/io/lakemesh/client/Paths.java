package io.lakemesh.client;

import io.lakemesh.catalog.TableId;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.rules.SearchQuery;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** API paths and query strings, written in one place for the client (the server parses them). */
public final class Paths {
  private Paths() {}

  /** {@code /tables/CATALOG/DATABASE/TABLE}. */
  public static String table(TableId id) {
    return "/tables/"
        + segment(id.catalog())
        + "/"
        + segment(id.database())
        + "/"
        + segment(id.table());
  }

  public static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String param(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** {@code name=value&...} of the pairs whose value is set, e.g. {@code query("max", "10")}. */
  public static String query(String... namesAndValues) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
      add(parts, namesAndValues[i], namesAndValues[i + 1]);
    }
    return String.join("&", parts);
  }

  /** {@code q}, repeated {@code tag=k=v}, {@code owner}, {@code domain}, {@code quality}. */
  public static String query(SearchQuery q) {
    List<String> parts = new ArrayList<>();
    add(parts, "q", q.text());
    q.tags().forEach((k, v) -> add(parts, "tag", k + "=" + v));
    add(parts, "owner", q.owner());
    add(parts, "domain", q.domain());
    add(parts, "quality", q.qualityStatus());
    add(parts, "stale", q.stale() ? "true" : null);
    return String.join("&", parts);
  }

  /** {@code log}, {@code resource}, {@code actor}, {@code since}. */
  public static String query(AuditQuery q) {
    List<String> parts = new ArrayList<>();
    add(parts, "log", q.log());
    add(parts, "resource", q.resource());
    add(parts, "actor", q.actor() == null ? null : q.actor().toString());
    add(parts, "since", q.since() == null ? null : q.since().toString());
    return String.join("&", parts);
  }

  private static void add(List<String> parts, String name, String value) {
    if (value != null && !value.isEmpty()) {
      parts.add(name + "=" + param(value));
    }
  }
}
