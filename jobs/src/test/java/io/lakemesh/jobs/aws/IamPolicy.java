package io.lakemesh.jobs.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An identity policy as IAM evaluates an Allow: a request is allowed by a statement whose Action
 * and Resource patterns match it ({@code *} and {@code ?} wildcards, actions case-insensitive) and
 * whose every Condition holds (StringEquals, StringLike, ArnLike and their IfExists forms; a key
 * the request lacks fails unless IfExists). Deny statements, NotAction and NotResource are not used
 * by lakemesh's policies and are refused here rather than misread.
 */
record IamPolicy(List<Statement> statements) {

  /** An action on a resource, with the condition keys the request carries. */
  record Request(String action, String resource, Map<String, String> context) {
    Request(String action, String resource) {
      this(action, resource, Map.of());
    }

    @Override
    public String toString() {
      return action + " on " + resource + (context.isEmpty() ? "" : " " + context);
    }
  }

  record Statement(
      String sid,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions) {

    boolean allows(Request request) {
      return actions.stream().anyMatch(a -> matches(a, request.action(), true))
          && resources.stream().anyMatch(r -> matches(r, request.resource(), false))
          && conditions.entrySet().stream().allMatch(c -> holds(c.getKey(), c.getValue(), request));
    }

    private static boolean holds(String operator, Map<String, List<String>> keys, Request request) {
      boolean ifExists = operator.endsWith("IfExists");
      String base =
          ifExists ? operator.substring(0, operator.length() - "IfExists".length()) : operator;
      for (Map.Entry<String, List<String>> key : keys.entrySet()) {
        String value = request.context().get(key.getKey());
        if (value == null) {
          if (!ifExists) {
            return false;
          }
          continue;
        }
        boolean any =
            key.getValue().stream()
                .anyMatch(
                    v ->
                        switch (base) {
                          case "StringEquals" -> v.equals(value);
                          case "StringLike", "ArnLike" -> matches(v, value, false);
                          default ->
                              throw new IllegalArgumentException("condition operator " + operator);
                        });
        if (!any) {
          return false;
        }
      }
      return true;
    }
  }

  static IamPolicy parse(JsonNode policy) {
    List<Statement> statements = new ArrayList<>();
    for (JsonNode s : policy.path("Statement")) {
      if (!"Allow".equals(s.path("Effect").asText())
          || s.has("NotAction")
          || s.has("NotResource")) {
        throw new IllegalArgumentException("only Allow statements with Action and Resource: " + s);
      }
      Map<String, Map<String, List<String>>> conditions = new TreeMap<>();
      s.path("Condition")
          .fields()
          .forEachRemaining(
              op -> {
                Map<String, List<String>> keys = new TreeMap<>();
                op.getValue()
                    .fields()
                    .forEachRemaining(k -> keys.put(k.getKey(), strings(k.getValue())));
                conditions.put(op.getKey(), keys);
              });
      statements.add(
          new Statement(
              s.path("Sid").asText(),
              strings(s.path("Action")),
              strings(s.path("Resource")),
              conditions));
    }
    return new IamPolicy(List.copyOf(statements));
  }

  /** The first statement that allows the request. */
  Optional<Statement> allowing(Request request) {
    return statements.stream().filter(s -> s.allows(request)).findFirst();
  }

  private static List<String> strings(JsonNode node) {
    List<String> values = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(v -> values.add(v.asText()));
    } else if (!node.isMissingNode()) {
      values.add(node.asText());
    }
    return values;
  }

  /** IAM's wildcards: {@code *} any run of characters, {@code ?} one character. */
  static boolean matches(String pattern, String value, boolean ignoreCase) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
    }
    return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0)
        .matcher(value)
        .matches();
  }
}
