package io.lakemesh.quality;

import com.amazon.deequ.analyzers.PatternMatch;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.catalyst.expressions.EqualTo;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.expressions.Not;
import org.apache.spark.sql.catalyst.expressions.RLike;
import org.apache.spark.sql.catalyst.expressions.RegExpExtract;
import org.apache.spark.unsafe.types.UTF8String;
import scala.runtime.AbstractPartialFunction;

/**
 * Deequ's aggregates of a pattern rule, with its per-row test made cheaper where that cannot change
 * a count. Deequ counts a row as matching when {@code regexp_extract(column, pattern, 0) != ''}:
 * the first match, copied out as a new string, is not empty. Where no match of the pattern can be
 * empty, that is exactly {@code column RLIKE pattern} (both find the first match with {@code
 * Matcher.find}, and a null stays null), which only looks for the match.
 */
final class PatternAggregates {
  /**
   * Zero-width constructs other than {@code ^ $ \A \z \Z}: lookarounds, atomic groups and inline
   * flags (every {@code (?} but {@code (?:}), word boundaries and the end of the previous match.
   */
  private static final Pattern CONTEXTUAL = Pattern.compile("\\(\\?[^:]|\\\\[bBG]");

  private PatternAggregates() {}

  static List<Column> of(PatternMatch analyzer) {
    List<Column> deequ = Scala.java(analyzer.aggregationFunctions());
    if (!neverMatchesEmpty(analyzer.pattern().regex())) {
      return deequ;
    }
    return deequ.stream().map(c -> new Column(c.expr().transformDown(new FoundByRLike()))).toList();
  }

  /**
   * Whether no match of {@code regex} can be empty, wherever in whatever text it is tried. Without
   * the constructs of {@link #CONTEXTUAL}, an empty match consumes nothing and passes only {@code ^
   * $ \A \z \Z}, which all hold at the start of the empty text: so the pattern can match empty
   * somewhere only if it matches the empty text.
   */
  static boolean neverMatchesEmpty(String regex) {
    if (CONTEXTUAL.matcher(regex).find()) {
      return false;
    }
    try {
      return !Pattern.compile(regex).matcher("").find();
    } catch (PatternSyntaxException e) {
      return false; // Deequ's own aggregate reports it
    }
  }

  /** {@code NOT (regexp_extract(c, p, 0) = '')} becomes {@code c RLIKE p}. */
  private static final class FoundByRLike extends AbstractPartialFunction<Expression, Expression> {
    @Override
    public boolean isDefinedAt(Expression e) {
      return e instanceof Not not
          && not.child() instanceof EqualTo equal
          && equal.left() instanceof RegExpExtract extract
          && extract.idx() instanceof Literal idx
          && Integer.valueOf(0).equals(idx.value())
          && extract.regexp() instanceof Literal
          && equal.right() instanceof Literal empty
          && empty.value() instanceof UTF8String text
          && text.numBytes() == 0;
    }

    @Override
    public Expression apply(Expression e) {
      RegExpExtract extract = (RegExpExtract) ((EqualTo) ((Not) e).child()).left();
      return new RLike(extract.subject(), extract.regexp());
    }
  }
}
