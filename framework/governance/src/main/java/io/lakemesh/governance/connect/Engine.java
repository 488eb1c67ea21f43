package io.lakemesh.governance.connect;

import io.lakemesh.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An engine a reader connects to the mesh's Iceberg REST catalog with. */
public enum Engine {
  SPARK,
  TRINO,
  PYICEBERG,
  DUCKDB;

  /** The engine's name as users type it ({@code spark}, {@code trino}, ...). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an engine's name; null or blank is Spark, the mesh's own engine. */
  public static Engine parse(String text) {
    if (text == null || text.isBlank()) {
      return SPARK;
    }
    for (Engine engine : values()) {
      if (engine.id().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return engine;
      }
    }
    throw new InvalidRequestException("unknown engine '" + text + "': expected one of " + names());
  }

  /** {@code spark, trino, pyiceberg, duckdb}. */
  public static String names() {
    return Arrays.stream(values()).map(Engine::id).collect(Collectors.joining(", "));
  }
}
