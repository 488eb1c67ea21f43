package io.lakemesh.exceptions;

/** A config or product spec is malformed; the message names the file, line and key. */
public class InvalidConfigException extends LakemeshException {
  private final String key;

  public InvalidConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  public InvalidConfigException(String key, String message, Throwable cause) {
    super(message, cause);
    this.key = key;
  }

  /** The config key at fault, or null. */
  public String key() {
    return key;
  }

  @Override
  public ErrorKind kind() {
    return ErrorKind.USER;
  }
}
