package io.lakemesh.runtime;

/** A count with its noun as a user reads it: "1 row", "0 rows", "2 rows". */
public final class Plural {
  private Plural() {}

  /** {@code noun} is singular and takes an "s" in the plural (row, run, product). */
  public static String of(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
