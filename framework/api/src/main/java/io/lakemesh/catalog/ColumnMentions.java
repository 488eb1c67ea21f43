package io.lakemesh.catalog;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The columns a text names, as whole words: "unique(order_id)", "amount > 0" and the DQDL rule
 * {@code IsComplete "name"} name their columns this way. A word that merely equals a column's name
 * counts too, so the answer errs towards more columns, never fewer.
 */
public final class ColumnMentions {
  private ColumnMentions() {}

  /** The columns of {@code columns} that {@code text} names, in the order given. */
  public static Set<String> in(String text, Collection<String> columns) {
    Set<String> named = new LinkedHashSet<>();
    if (text == null || text.isEmpty()) {
      return named;
    }
    for (String c : columns) {
      if (names(text, c)) {
        named.add(c);
      }
    }
    return named;
  }

  /** True when {@code text} names {@code column} as a whole word, in any case. */
  public static boolean names(String text, String column) {
    return text != null && word(column).matcher(text).find();
  }

  /** The text with every mention of {@code column} replaced by {@code replacement}. */
  public static String replace(String text, String column, String replacement) {
    return word(column).matcher(text).replaceAll(Matcher.quoteReplacement(replacement));
  }

  private static Pattern word(String column) {
    return Pattern.compile(
        "(?<![A-Za-z0-9_])" + Pattern.quote(column) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE);
  }
}
