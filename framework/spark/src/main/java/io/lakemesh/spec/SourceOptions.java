package io.lakemesh.spec;

/** Option keys lakemesh itself reads from a file source's options (the rest go to Spark). */
public final class SourceOptions {
  /**
   * A DDL schema ({@code id STRING, qty INT}); with it, malformed rows are counted, not guessed.
   */
  public static final String SCHEMA = "lakemesh.schema";

  /** An empty source is an error unless this is true. */
  public static final String ALLOW_EMPTY = "lakemesh.allow-empty";

  private SourceOptions() {}
}
