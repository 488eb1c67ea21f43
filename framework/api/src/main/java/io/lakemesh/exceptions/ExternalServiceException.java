package io.lakemesh.exceptions;

/** A service outside lakemesh (database, object store, AWS) failed. */
public class ExternalServiceException extends LakemeshException {
  public ExternalServiceException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.EXTERNAL;
  }
}
