package io.lakemesh.runtime;

import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.LakemeshException;

/** The product's transform threw; nothing was written. */
public class TransformFailedException extends LakemeshException {
  public TransformFailedException(String message, Throwable cause) {
    super(message, cause);
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.INTERNAL;
  }
}
