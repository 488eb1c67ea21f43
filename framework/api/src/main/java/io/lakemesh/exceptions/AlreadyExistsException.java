package io.lakemesh.exceptions;

/** Creating something that exists already. */
public class AlreadyExistsException extends LakemeshException {
  public AlreadyExistsException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.USER;
  }
}
