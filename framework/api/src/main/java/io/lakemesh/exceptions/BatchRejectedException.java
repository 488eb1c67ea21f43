package io.lakemesh.exceptions;

/** The batch was not published: the quality gate failed or the input could not be read. */
public class BatchRejectedException extends LakemeshException {
  public BatchRejectedException(String message) {
    super(message);
  }

  public BatchRejectedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.REJECTED;
  }
}
