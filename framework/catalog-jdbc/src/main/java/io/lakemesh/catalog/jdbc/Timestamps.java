package io.lakemesh.catalog.jdbc;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as fixed-width UTC text: exact to the nanosecond, the same on every database, and in
 * time order when sorted as text.
 */
final class Timestamps {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  static String format(Instant at) {
    return at == null ? null : FORMAT.format(at);
  }

  static Instant parse(String text) {
    return text == null ? null : Instant.parse(text);
  }
}
