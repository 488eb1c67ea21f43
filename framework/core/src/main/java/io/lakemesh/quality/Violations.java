package io.lakemesh.quality;

import java.util.List;
import org.apache.spark.sql.Column;

/** The rows that break a row-level rule, described so a failure can be counted and shown. */
sealed interface Violations {

  /**
   * Rows for which {@code violating} holds; {@code example} is what to show of the first one (a
   * value, or the whole row), and the message reads "{subject}: n of N rows {phrase}, e.g. x".
   */
  record Rows(String subject, Column violating, Column example, String phrase)
      implements Violations {}

  /** Rows whose key (all columns not null) occurs more than once. */
  record DuplicateKeys(List<String> columns) implements Violations {}
}
