package io.lakemesh.catalog.aws;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Typed reads of flattened properties, each error naming the full key at fault. */
final class ConfigReader {
  private final Map<String, String> properties;
  private final String prefix;

  ConfigReader(Map<String, String> properties) {
    this(properties, "");
  }

  private ConfigReader(Map<String, String> properties, String prefix) {
    this.properties = properties;
    this.prefix = prefix;
  }

  /** The properties under {@code group.}, read with that prefix named in errors. */
  ConfigReader under(String group) {
    Map<String, String> inner = new TreeMap<>();
    properties.forEach(
        (k, v) -> {
          if (k.startsWith(group + ".")) {
            inner.put(k.substring(group.length() + 1), v);
          }
        });
    return new ConfigReader(inner, prefix + group + ".");
  }

  /** The first segments of the keys under {@code group.}: the ids of a map of sections. */
  SortedSet<String> groups(String group) {
    SortedSet<String> ids = new TreeSet<>();
    for (String key : properties.keySet()) {
      if (key.startsWith(group + ".")) {
        String rest = key.substring(group.length() + 1);
        int dot = rest.indexOf('.');
        ids.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return ids;
  }

  String key(String name) {
    return prefix + name;
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(properties.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }

  String required(String name, String expected) {
    return optional(name)
        .orElseThrow(
            () ->
                new InvalidConfigException(
                    key(name),
                    "the aws catalog needs property '" + key(name) + "' (" + expected + ")"));
  }

  long whole(String name, long defaultValue, long minimum) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.get());
      if (parsed < minimum) {
        throw new NumberFormatException("below " + minimum);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new InvalidConfigException(
          key(name),
          "property '"
              + key(name)
              + "' must be a whole number from "
              + minimum
              + ", not '"
              + value.get()
              + "'",
          e);
    }
  }
}
