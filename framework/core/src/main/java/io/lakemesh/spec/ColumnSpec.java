package io.lakemesh.spec;

/** One column of the product's schema contract; {@code type} in Spark SQL's type names. */
public record ColumnSpec(String name, String type, boolean nullable, String description, boolean pii) {}
