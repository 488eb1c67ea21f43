package io.lakemesh.spec;

/**
 * One column of the product's schema contract; {@code type} in Spark SQL's type names.
 *
 * @param cast whether the producer asks for the transform's value to be converted to {@code type}
 *     when its type differs in a way that may lose or reinterpret values (int to string, string to
 *     date); without it such a difference is an error, not a silent conversion
 */
public record ColumnSpec(
    String name, String type, boolean nullable, String description, boolean pii, boolean cast) {

  /** A column that asks for no conversion. */
  public ColumnSpec(String name, String type, boolean nullable, String description, boolean pii) {
    this(name, type, nullable, description, pii, false);
  }
}
