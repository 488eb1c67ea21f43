package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidIdentifierException;
import java.util.Locale;
import java.util.Objects;

/**
 * The producer's authorisation on record that a grant rests on: an approved access request ({@code
 * request:42}) or a grant from the producer with grant option ({@code grant:17}).
 */
public record Authorisation(Kind kind, long id) {
  private static final String EXPECTED = "request:ID or grant:ID";

  public enum Kind {
    REQUEST,
    GRANT
  }

  public Authorisation {
    Objects.requireNonNull(kind, "kind");
    if (id <= 0) {
      throw new IllegalArgumentException("authorisation ids are positive: " + id);
    }
  }

  public static Authorisation request(long id) {
    return new Authorisation(Kind.REQUEST, id);
  }

  public static Authorisation grant(long id) {
    return new Authorisation(Kind.GRANT, id);
  }

  public static Authorisation parse(String text) {
    String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
    if (parts.length == 2) {
      try {
        Kind kind = Kind.valueOf(parts[0].toUpperCase(Locale.ROOT));
        long id = Long.parseLong(parts[1]);
        if (id > 0) {
          return new Authorisation(kind, id);
        }
      } catch (IllegalArgumentException e) {
        // Reported below with the expected shape.
      }
    }
    throw new InvalidIdentifierException("authorisation", text, EXPECTED);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + id;
  }
}
