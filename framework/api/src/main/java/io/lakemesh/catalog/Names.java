package io.lakemesh.catalog;

import io.lakemesh.exceptions.InvalidIdentifierException;
import java.util.regex.Pattern;

/** Validation of names that end up in SQL, paths and AWS resource names. */
public final class Names {
  // Glue lower-cases database and table names; lakemesh refuses anything it would have to quote.
  private static final Pattern OBJECT = Pattern.compile("[a-z_][a-z0-9_]{0,127}");
  // Account ids may hold hyphens (retail-gov), like AWS account aliases.
  private static final Pattern ACCOUNT = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

  private Names() {}

  public static String object(String kind, String value) {
    return check(kind, value, OBJECT);
  }

  public static String account(String value) {
    return check("account", value, ACCOUNT);
  }

  private static String check(String kind, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new InvalidIdentifierException(kind, value, pattern.pattern());
    }
    return value;
  }
}
