package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidRequestException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The row filter of a data filter, checked against its table's columns before it is stored: a
 * single SQL predicate (no statement separator, comment or subquery) whose names are columns of the
 * table, SQL keywords, or functions called with parentheses, and which names at least one column (a
 * predicate that names none keeps all rows or none, whatever the data: say so with an empty filter
 * or no grant instead). Lake Formation checks a data cells filter's row filter expression the same
 * way when the filter is created
 * (https://docs.aws.amazon.com/lake-formation/latest/dg/data-filters-about.html: "PartiQL"
 * expression over the table's columns). The engines parse and apply it; this only decides what may
 * be stored.
 */
public final class RowPredicate {
  // Words a predicate may use that are not columns: operators, literals and type names.
  private static final Set<String> KEYWORDS =
      Set.of(
          "and",
          "or",
          "not",
          "in",
          "is",
          "null",
          "like",
          "ilike",
          "rlike",
          "between",
          "true",
          "false",
          "case",
          "when",
          "then",
          "else",
          "end",
          "cast",
          "as",
          "date",
          "timestamp",
          "interval",
          "escape",
          "distinct",
          "from",
          "int",
          "integer",
          "bigint",
          "smallint",
          "tinyint",
          "string",
          "varchar",
          "char",
          "decimal",
          "double",
          "float",
          "boolean",
          "year",
          "month",
          "day",
          "hour",
          "minute",
          "second");

  private RowPredicate() {}

  /**
   * The columns the predicate names, in the order they appear.
   *
   * @throws InvalidRequestException naming what is wrong with the predicate
   */
  public static Set<String> columnsOf(String predicate, Collection<String> columns, Object where) {
    Set<String> known = new LinkedHashSet<>();
    columns.forEach(c -> known.add(c.toLowerCase(Locale.ROOT)));
    Set<String> named = new LinkedHashSet<>();
    String text = predicate.strip();
    int depth = 0;
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'') {
        i = closing(text, i, '\'', where);
      } else if (c == '"' || c == '`') {
        int end = closing(text, i, c, where);
        named.add(column(text.substring(i + 1, end - 1).replace("" + c + c, "" + c), known, where));
        i = end;
      } else if (Character.isDigit(c)) {
        // A number, with its exponent or suffix (1e3, 10L, 2.5BD): no name in it.
        while (i < text.length() && (isWordPart(text.charAt(i)) || text.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_') {
        int end = i;
        while (end < text.length() && isWordPart(text.charAt(end))) {
          end++;
        }
        String word = text.substring(i, end).toLowerCase(Locale.ROOT);
        if (word.equals("select")) {
          throw invalid(where, "a row filter is one predicate, not a query (no SELECT)");
        }
        if (!KEYWORDS.contains(word) && !calls(text, end)) {
          named.add(column(word, known, where));
        }
        i = end;
      } else if (c == ';' || text.startsWith("--", i) || text.startsWith("/*", i)) {
        throw invalid(where, "a row filter is one predicate, with no ';' and no comment");
      } else {
        depth += c == '(' ? 1 : c == ')' ? -1 : 0;
        if (depth < 0) {
          throw invalid(where, "a ')' closes no '('");
        }
        i++;
      }
    }
    if (depth != 0) {
      throw invalid(where, "a '(' is never closed");
    }
    if (named.isEmpty()) {
      throw invalid(
          where,
          "it names no column, so it keeps every row or none whatever the data; name a column"
              + " (e.g. country = 'US'), or leave the row filter empty to keep every row");
    }
    return named;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }

  // A word followed by '(' is a function's name (lower, coalesce, ...), not a column.
  private static boolean calls(String text, int after) {
    int i = after;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '(';
  }

  private static int closing(String text, int open, char quote, Object where) {
    int i = open + 1;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw invalid(where, "a " + quote + " is never closed");
  }

  private static String column(String word, Set<String> known, Object where) {
    String name = word.toLowerCase(Locale.ROOT);
    if (!known.contains(name)) {
      throw invalid(
          where,
          "it names "
              + word
              + ", which is not a column of the table (columns: "
              + String.join(", ", List.copyOf(known))
              + ")");
    }
    return name;
  }

  private static InvalidRequestException invalid(Object where, String why) {
    return new InvalidRequestException("the row filter of " + where + " is not valid: " + why);
  }
}
