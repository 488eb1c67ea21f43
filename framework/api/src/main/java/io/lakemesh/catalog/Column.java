package io.lakemesh.catalog;

import java.util.Locale;
import java.util.Objects;

/**
 * A column as the catalog records it. Types use Spark SQL's names ({@code string}, {@code
 * decimal(12,2)}, {@code timestamp}), which Glue and Athena also accept.
 */
public record Column(String name, String type, boolean nullable, String comment, boolean pii) {
  public Column {
    Names.object("column", name);
    Objects.requireNonNull(type, "type");
    type = type.toLowerCase(Locale.ROOT);
    comment = comment == null ? "" : comment;
  }
}
