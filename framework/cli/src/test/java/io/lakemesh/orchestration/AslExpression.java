package io.lakemesh.orchestration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemesh.orchestration.AslInterpreter.TaskError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path ($, $$ or $.a.b[0].c) or an intrinsic function call in an Amazon States Language
 * definition, parsed and evaluated against a state's input for {@link AslInterpreter}.
 */
final class AslExpression {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String text;
  private final JsonNode input;
  private final String executionName;
  private int at;

  AslExpression(String text, JsonNode input, String executionName) {
    this.text = text;
    this.input = input;
    this.executionName = executionName;
  }

  JsonNode parse() {
    JsonNode value = argument();
    if (at != text.length()) {
      throw new IllegalStateException("cannot parse " + text);
    }
    return value;
  }

  private JsonNode argument() {
    skipSpaces();
    if (text.startsWith("States.", at)) {
      return call();
    }
    if (text.charAt(at) == '\'') {
      return JSON.textNode(literal());
    }
    int start = at;
    while (at < text.length() && text.charAt(at) != ',' && text.charAt(at) != ')') {
      at++;
    }
    String p = text.substring(start, at).trim();
    if (p.matches("-?\\d+")) {
      return JSON.numberNode(Integer.parseInt(p));
    }
    if (p.equals("true") || p.equals("false")) {
      return JSON.booleanNode(Boolean.parseBoolean(p));
    }
    return p.startsWith("$$") ? context(p) : path(p, input);
  }

  private JsonNode call() {
    int open = text.indexOf('(', at);
    String function = text.substring(at, open);
    at = open + 1;
    List<JsonNode> args = new ArrayList<>();
    skipSpaces();
    while (text.charAt(at) != ')') {
      args.add(argument());
      skipSpaces();
      if (text.charAt(at) == ',') {
        at++;
      }
    }
    at++;
    return intrinsic(function, args);
  }

  // A quoted string; \' \{ \} \\ stand for the character itself ("Intrinsic functions").
  private String literal() {
    StringBuilder out = new StringBuilder();
    at++;
    while (text.charAt(at) != '\'') {
      char c = text.charAt(at++);
      if (c == '\\') {
        c = text.charAt(at++);
        out.append(c == '{' || c == '}' ? "\\" + c : String.valueOf(c));
      } else {
        out.append(c);
      }
    }
    at++;
    return out.toString();
  }

  private void skipSpaces() {
    while (at < text.length() && text.charAt(at) == ' ') {
      at++;
    }
  }

  private JsonNode context(String p) {
    if (p.equals("$$.Execution.Name")) {
      return JSON.textNode(executionName);
    }
    throw new IllegalStateException("context path outside the subset: " + p);
  }

  // "Intrinsic functions for JSONPath states in Step Functions".
  private static JsonNode intrinsic(String function, List<JsonNode> args) {
    switch (function) {
      case "States.Format":
        {
          String template = args.get(0).asText();
          StringBuilder out = new StringBuilder();
          int next = 1;
          for (int i = 0; i < template.length(); i++) {
            if (template.startsWith("\\{", i) || template.startsWith("\\}", i)) {
              out.append(template.charAt(++i));
            } else if (template.startsWith("{}", i)) {
              JsonNode arg = args.get(next++);
              out.append(arg.isTextual() ? arg.asText() : arg.toString());
              i++;
            } else {
              out.append(template.charAt(i));
            }
          }
          if (next != args.size()) {
            throw new TaskError(
                "States.Runtime",
                "States.Format: " + (args.size() - 1) + " arguments for " + (next - 1) + " {}");
          }
          return JSON.textNode(out.toString());
        }
      case "States.StringToJson":
        try {
          return MAPPER.readTree(args.get(0).asText());
        } catch (IOException e) {
          throw new TaskError(
              "States.Runtime", "States.StringToJson: not JSON: " + args.get(0).asText());
        }
      case "States.JsonToString":
        return JSON.textNode(args.get(0).toString());
      case "States.JsonMerge":
        {
          if (args.get(2).asBoolean()) {
            throw new IllegalStateException("deep merge is outside the subset");
          }
          // A shallow merge: the second object's keys win.
          ObjectNode merged = ((ObjectNode) args.get(0)).deepCopy();
          merged.setAll((ObjectNode) args.get(1).deepCopy());
          return merged;
        }
      default:
        throw new IllegalStateException("intrinsic function outside the subset: " + function);
    }
  }

  /** A reference path: $, $.name, $.name[0].other. A missing name is a States.Runtime error. */
  static JsonNode path(String p, JsonNode input) {
    if (!p.startsWith("$")) {
      throw new IllegalStateException("not a path: " + p);
    }
    JsonNode node = input;
    for (String part : p.substring(1).split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      String name = part.contains("[") ? part.substring(0, part.indexOf('[')) : part;
      node = node.get(name);
      if (node != null && part.contains("[")) {
        node = node.get(Integer.parseInt(part.substring(part.indexOf('[') + 1, part.indexOf(']'))));
      }
      if (node == null) {
        throw new TaskError("States.Runtime", "the path " + p + " is not in the input");
      }
    }
    return node;
  }
}
