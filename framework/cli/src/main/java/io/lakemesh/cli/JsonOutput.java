package io.lakemesh.cli;

import io.lakemesh.runtime.Json;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code --json} prints, for every command alike: one JSON document on stdout (an object, or
 * an array of objects for a listing), times as ISO-8601 text, nothing else on stdout. Each
 * command's {@code --json} option lists the keys it prints; JsonOnEveryCommandTest holds them to
 * it.
 */
final class JsonOutput {
  private JsonOutput() {}

  static void print(Object value) {
    System.out.println(Json.pretty(value));
  }

  /** A one-line answer: {@code value} as JSON with {@code --json}, else {@code text}. */
  static void print(boolean json, Object value, String text) {
    if (json) {
      print(value);
    } else {
      System.out.println(text);
    }
  }

  /** An object of the given keys and values, in that order; a value may be null. */
  static Map<String, Object> object(Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values come in pairs");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }
}
