package io.lakemesh.exceptions;

/** Base of every lakemesh error; unchecked, one subclass per condition. */
public abstract class LakemeshException extends RuntimeException {
  protected LakemeshException(String message) {
    super(message);
  }

  protected LakemeshException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract ErrorKind kind();
}
