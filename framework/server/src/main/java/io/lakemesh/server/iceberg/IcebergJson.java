package io.lakemesh.server.iceberg;

import io.lakemesh.exceptions.InvalidRequestException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Iceberg's REST JSON, through Iceberg's own object mapper (its serializers for schemas, metadata
 * updates and requirements), reached reflectively. Beside Spark, Iceberg's classes come from
 * iceberg-spark-runtime with Jackson shaded, so its mapper is of another class there than here; a
 * compiled call that names Jackson would fail at run time. Only {@code String}, {@code Class} and
 * {@code Object} cross this boundary.
 */
final class IcebergJson {
  private static final Object MAPPER;
  private static final Method READ;
  private static final Method WRITE;

  static {
    try {
      Method mapper =
          Class.forName("org.apache.iceberg.rest.RESTObjectMapper").getDeclaredMethod("mapper");
      mapper.setAccessible(true);
      MAPPER = mapper.invoke(null);
      READ = MAPPER.getClass().getMethod("readValue", String.class, Class.class);
      WRITE = MAPPER.getClass().getMethod("writeValueAsString", Object.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private IcebergJson() {}

  /** The request body as Iceberg's model; bad JSON is the client's error, said as such. */
  static <T> T read(String json, Class<T> type) {
    try {
      T value = type.cast(READ.invoke(MAPPER, json == null || json.isBlank() ? "{}" : json, type));
      if (value == null) {
        throw new InvalidRequestException("the request body must be a JSON object");
      }
      return value;
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        // A model's own validation (a missing field) says what is wrong.
        throw r;
      }
      throw new InvalidRequestException(
          "malformed " + type.getSimpleName() + ": " + firstLine(e.getCause().getMessage()));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Iceberg's object mapper is not accessible", e);
    }
  }

  static String write(Object value) {
    try {
      return (String) WRITE.invoke(MAPPER, value);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(
          "cannot write " + value.getClass().getSimpleName() + " as JSON", e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Iceberg's object mapper is not accessible", e);
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable JSON";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
