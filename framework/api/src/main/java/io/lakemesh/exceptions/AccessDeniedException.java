package io.lakemesh.exceptions;

/**
 * The acting principal lacks a permission; the message names the principal, resource and
 * permission.
 */
public class AccessDeniedException extends LakemeshException {
  public AccessDeniedException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.ACCESS_DENIED;
  }
}
