package io.lakemesh.exceptions;

/**
 * What kind of failure an error is. The CLI maps kinds to exit codes here and nowhere else, so
 * scripts can tell "bad input" from "rejected batch" from "not allowed" from "broken".
 */
public enum ErrorKind {
  /** Bad usage, config, spec or identifier: fix the input and run again. */
  USER(2),
  /** Something named does not exist. */
  NOT_FOUND(2),
  /** The batch was rejected (quality gate or unreadable data); nothing was published. */
  REJECTED(3),
  /** The principal is not allowed to do this. */
  ACCESS_DENIED(4),
  /** Someone else changed the same thing concurrently; a retry may succeed. */
  CONFLICT(1),
  /** A service outside lakemesh failed. */
  EXTERNAL(1),
  /** A bug or an unexpected state. */
  INTERNAL(1);

  private final int exitCode;

  ErrorKind(int exitCode) {
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
