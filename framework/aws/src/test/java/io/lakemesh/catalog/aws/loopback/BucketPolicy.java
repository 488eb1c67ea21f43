package io.lakemesh.catalog.aws.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A bucket policy (or a session policy: {@link #grants}) as S3 evaluates its Allow statements for a
 * request from another account: the statement's principal names the caller's role or its account
 * ({@code arn:aws:iam::ID:root}), its action and resource match (with {@code *} and {@code ?}
 * wildcards), and each condition holds. The conditions served are those lakemesh's policies use:
 * {@code Null} on a request key (the header is present when the value is {@code false}), {@code
 * StringLike} and {@code StringEquals}; a statement with any other operator never applies. Deny
 * statements are not modelled.
 */
final class BucketPolicy {
  /** What S3 checks of one request. */
  record Request(
      String account, String role, String action, String resource, Map<String, String> keys) {}

  private final JsonNode statements;

  private BucketPolicy(JsonNode statements) {
    this.statements = statements;
  }

  static BucketPolicy parse(String json) {
    try {
      JsonNode statements = LoopbackAws.JSON.readTree(json).path("Statement");
      return new BucketPolicy(
          statements.isObject() ? LoopbackAws.JSON.createArrayNode().add(statements) : statements);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a bucket policy: " + e.getMessage(), e);
    }
  }

  boolean allows(Request request) {
    for (JsonNode s : statements) {
      if (principal(s.path("Principal"), request)
          && applies(s, request.action(), request.resource(), request.keys())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the policy, read as an identity-based or session policy (no Principal: it is the
   * caller's own), allows the action on the resource.
   */
  boolean grants(String action, String resource, Map<String, String> keys) {
    for (JsonNode s : statements) {
      if (applies(s, action, resource, keys)) {
        return true;
      }
    }
    return false;
  }

  private static boolean applies(
      JsonNode s, String action, String resource, Map<String, String> keys) {
    return "Allow".equals(s.path("Effect").asText())
        && any(s.path("Action"), action)
        && any(s.path("Resource"), resource)
        && conditions(s.path("Condition"), keys);
  }

  private static boolean principal(JsonNode principal, Request request) {
    for (String p : values(principal.isTextual() ? principal : principal.path("AWS"))) {
      if (p.equals("*")
          || p.equals(request.role())
          || p.equals("arn:aws:iam::" + request.account() + ":root")
          || p.equals(request.account())) {
        return true;
      }
    }
    return false;
  }

  private static boolean conditions(JsonNode condition, Map<String, String> keys) {
    for (var operator : iterable(condition)) {
      for (var key : iterable(operator.getValue())) {
        String actual = keys.get(key.getKey());
        List<String> expected = values(key.getValue());
        boolean holds =
            switch (operator.getKey()) {
              case "Null" -> expected.contains(String.valueOf(actual == null));
              case "StringLike" ->
                  actual != null && expected.stream().anyMatch(e -> matches(e, actual));
              case "StringEquals" -> actual != null && expected.contains(actual);
              default -> false;
            };
        if (!holds) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean any(JsonNode patterns, String value) {
    return values(patterns).stream().anyMatch(p -> matches(p, value));
  }

  private static boolean matches(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return value.matches(regex.toString());
  }

  private static List<String> values(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    } else if (!node.isMissingNode() && !node.isNull()) {
      values.add(node.asText());
    }
    return values;
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
    return node::fields;
  }
}
