package io.lakemesh.exceptions;

/** A concurrent change won; nothing of this attempt was applied. */
public class CommitConflictException extends LakemeshException {
  public CommitConflictException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.CONFLICT;
  }
}
