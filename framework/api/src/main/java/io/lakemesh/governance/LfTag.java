package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidIdentifierException;
import io.lakemesh.exceptions.InvalidRequestException;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** An LF-tag: a key and the values it may take, defined in one catalog. */
public record LfTag(String key, SortedSet<String> allowedValues) {
  // Lake Formation lower-cases keys; values keep their case. Neither may need quoting anywhere.
  private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_-]{0,127}");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,255}");

  public LfTag {
    checkKey(key);
    if (allowedValues == null || allowedValues.isEmpty()) {
      throw new InvalidRequestException("LF-tag " + key + " needs at least one allowed value");
    }
    allowedValues.forEach(LfTag::checkValue);
    allowedValues = Collections.unmodifiableSortedSet(new TreeSet<>(allowedValues));
  }

  public static LfTag of(String key, Collection<String> allowedValues) {
    return new LfTag(key, new TreeSet<>(allowedValues));
  }

  public static LfTag of(String key, String... allowedValues) {
    return of(key, List.of(allowedValues));
  }

  public boolean allows(String value) {
    return allowedValues.contains(value);
  }

  /** The value, or an error listing the allowed ones. */
  public String requireAllowed(String value) {
    if (!allows(value)) {
      throw new InvalidRequestException(
          "value '"
              + value
              + "' is not allowed for LF-tag "
              + key
              + " (allowed: "
              + String.join(", ", allowedValues)
              + ")");
    }
    return value;
  }

  static String checkKey(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidIdentifierException("LF-tag key", key, KEY.pattern());
    }
    return key;
  }

  static String checkValue(String value) {
    if (value == null || !VALUE.matcher(value).matches()) {
      throw new InvalidIdentifierException("LF-tag value", value, VALUE.pattern());
    }
    return value;
  }
}
