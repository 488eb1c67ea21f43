package io.lakemesh.exceptions;

/**
 * A governance request that cannot be carried out as asked: a malformed tag expression, an illegal
 * request state change, more permissions approved than requested. Nothing was changed.
 */
public class InvalidRequestException extends LakemeshException {
  public InvalidRequestException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.USER;
  }
}
