package io.lakemesh.spec;

import java.util.regex.Pattern;

/** The column types a schema contract may use: Spark SQL names that Iceberg and Glue share. */
public final class SchemaTypes {
  static final String SUPPORTED =
      "string, boolean, int, bigint, float, double, decimal(p,s), date, timestamp";
  private static final Pattern TYPES =
      Pattern.compile(
          "string|boolean|int|bigint|float|double|date|timestamp|decimal\\(\\s*\\d{1,2}\\s*,\\s*\\d{1,2}\\s*\\)");

  private SchemaTypes() {}

  public static boolean isSupported(String type) {
    return TYPES.matcher(type).matches();
  }
}
