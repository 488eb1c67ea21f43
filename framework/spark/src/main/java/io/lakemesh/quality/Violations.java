package io.lakemesh.quality;

import java.util.List;
import org.apache.spark.sql.Column;

/** The rows that break a row-level rule, described so a failure can be counted and shown. */
sealed interface Violations {

  /**
   * Rows for which {@code violating} holds, and the message reads "{subject}: n of N rows
   * {phrase}". {@code example} is what to show of the first one, kept apart from the message: the
   * value of the rule's column, or null for none (a null value is no example). A rule on a SQL
   * predicate shows the values of the columns its predicate names ({@code predicate}), never the
   * whole row.
   */
  record Rows(String subject, Column violating, Column example, String phrase, String predicate)
      implements Violations {
    Rows(String subject, Column violating, Column example, String phrase) {
      this(subject, violating, example, phrase, null);
    }
  }

  /** Rows whose key (all columns not null) occurs more than once. */
  record DuplicateKeys(List<String> columns) implements Violations {}
}
