package io.lakemesh.exceptions;

/** A named thing (account, database, table, run, request) does not exist. */
public class NotFoundException extends LakemeshException {
  public NotFoundException(String message) {
    super(message);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.NOT_FOUND;
  }
}
