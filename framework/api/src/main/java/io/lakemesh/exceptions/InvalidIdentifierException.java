package io.lakemesh.exceptions;

/** An identifier that could smuggle SQL, quotes or paths never gets past validation. */
public class InvalidIdentifierException extends LakemeshException {
  public InvalidIdentifierException(String kind, String value, String expected) {
    super(
        "invalid "
            + kind
            + " name "
            + (value == null ? "null" : "'" + value + "'")
            + ": expected "
            + expected);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.USER;
  }
}
