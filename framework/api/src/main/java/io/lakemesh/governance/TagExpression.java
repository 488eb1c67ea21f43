package io.lakemesh.governance;

import io.lakemesh.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An LF-tag expression, the resource of an LF-tag policy grant: terms {@code key=value} or {@code
 * key IN (v1,v2)} joined by {@code AND}, as Lake Formation accepts them. A table (or column)
 * matches when each key carries one of the listed values.
 */
public record TagExpression(List<Term> terms) {
  private static final Pattern TERM =
      Pattern.compile(
          "\\s*([^\\s=(),]+)\\s*(?:=\\s*([^\\s=(),]+)|\\s(?i:in)\\s*\\(([^()]*)\\))\\s*");
  private static final Pattern AND = Pattern.compile("\\s(?i:and)\\s");
  private static final String SHAPE =
      "expected terms key=value or key IN (v1,v2) joined by AND, such as"
          + " 'domain=sales AND classification IN (public,internal)'";

  /** One term: the key must carry one of the values. */
  public record Term(String key, SortedSet<String> values) {
    public Term {
      LfTag.checkKey(key);
      if (values == null || values.isEmpty()) {
        throw new InvalidRequestException("LF-tag expression term on '" + key + "' lists no value");
      }
      values.forEach(LfTag::checkValue);
      values = Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }

    boolean matches(Map<String, String> tags) {
      String value = tags.get(key);
      return value != null && values.contains(value);
    }

    @Override
    public String toString() {
      return values.size() == 1
          ? key + "=" + values.first()
          : key + " IN (" + String.join(",", values) + ")";
    }
  }

  public TagExpression {
    if (terms == null || terms.isEmpty()) {
      throw new InvalidRequestException("an LF-tag expression needs at least one term: " + SHAPE);
    }
    Map<String, Term> byKey = new TreeMap<>();
    for (Term term : terms) {
      if (byKey.put(term.key(), term) != null) {
        throw new InvalidRequestException(
            "LF-tag key '"
                + term.key()
                + "' appears twice in one expression; list its values with IN");
      }
    }
    terms = List.copyOf(byKey.values());
  }

  public static TagExpression parse(String text) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException("empty LF-tag expression: " + SHAPE);
    }
    List<Term> terms = new ArrayList<>();
    for (String part : AND.split(" " + text.trim() + " ", -1)) {
      terms.add(term(text, part));
    }
    return new TagExpression(terms);
  }

  private static Term term(String text, String part) {
    Matcher m = TERM.matcher(part);
    if (!m.matches()) {
      throw new InvalidRequestException(
          "cannot read LF-tag expression '" + text + "' at '" + part.trim() + "': " + SHAPE);
    }
    SortedSet<String> values = new TreeSet<>();
    if (m.group(2) != null) {
      values.add(m.group(2));
    } else {
      for (String value : m.group(3).split(",", -1)) {
        values.add(value.trim());
      }
    }
    return new Term(m.group(1), values);
  }

  /** True when the tags carry, for every key of the expression, one of its values. */
  public boolean matches(Map<String, String> tags) {
    return terms.stream().allMatch(t -> t.matches(tags));
  }

  public List<String> keys() {
    return terms.stream().map(Term::key).toList();
  }

  /** The canonical form: terms ordered by key, values sorted. */
  @Override
  public String toString() {
    return terms.stream().map(Term::toString).collect(Collectors.joining(" AND "));
  }
}
