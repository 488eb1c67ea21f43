package io.lakemesh.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_extract;

import com.amazon.deequ.checks.Check;
import io.lakemesh.quality.ConstraintRule.Measure;
import io.lakemesh.spec.QualityRule;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import scala.Option;
import scala.util.matching.Regex;

/** Maps each rule that is a single Deequ constraint to that constraint. */
final class Constraints {
  private static final String COMPLIANCE = "compliance";

  private Constraints() {}

  /** The rule's constraint, or null for a rule that is not a single Deequ constraint. */
  static ConstraintRule of(QualityRule rule) {
    if (rule instanceof QualityRule.Size r) {
      return size(r);
    } else if (rule instanceof QualityRule.Completeness r) {
      return completeness(r);
    } else if (rule instanceof QualityRule.Uniqueness r) {
      return uniqueness(r);
    } else if (rule instanceof QualityRule.NonNegative r) {
      return nonNegative(r);
    } else if (rule instanceof QualityRule.Range r) {
      return range(r);
    } else if (rule instanceof QualityRule.AllowedValues r) {
      return allowedValues(r);
    } else if (rule instanceof QualityRule.Pattern r) {
      return pattern(r);
    } else if (rule instanceof QualityRule.Predicate r) {
      return predicate(r);
    }
    return null;
  }

  private static ConstraintRule size(QualityRule.Size r) {
    Double min = r.min() == null ? null : r.min().doubleValue();
    Double max = r.max() == null ? null : r.max().doubleValue();
    String bounds = bounds(min, max);
    return new ConstraintRule(
        r,
        "row count " + bounds,
        check -> check.hasSize(Scala.assertion(within(min, max)), Option.empty()),
        Measure.count("row count", bounds),
        null);
  }

  private static ConstraintRule completeness(QualityRule.Completeness r) {
    String c = r.column();
    Measure measure = Measure.fraction("completeness", r.min());
    boolean complete = r.min() >= 1.0;
    return new ConstraintRule(
        r,
        complete ? c + " is complete" : "completeness of " + c + " " + measure.requirement(),
        complete
            ? check -> check.isComplete(c, Option.empty(), Option.empty())
            : check ->
                check.hasCompleteness(
                    c, Scala.assertion(v -> v >= r.min()), Option.empty(), Option.empty()),
        measure,
        new Violations.Rows(c, col(c).isNull(), null, "are null"));
  }

  private static ConstraintRule uniqueness(QualityRule.Uniqueness r) {
    List<String> columns = r.columns();
    String first = columns.get(0);
    List<String> rest = columns.subList(1, columns.size());
    return new ConstraintRule(
        r,
        (columns.size() == 1 ? first : Formats.list(columns)) + " is unique",
        rest.isEmpty()
            ? check -> check.isUnique(first, Option.empty(), Option.empty())
            : check -> check.isPrimaryKey(first, Option.empty(), Option.empty(), Scala.seq(rest)),
        Measure.fraction("uniqueness", 1.0),
        new Violations.DuplicateKeys(columns));
  }

  private static ConstraintRule nonNegative(QualityRule.NonNegative r) {
    String c = r.column();
    return new ConstraintRule(
        r,
        c + " is non-negative",
        check -> check.isNonNegative(c, Check.IsOne(), Option.empty()),
        Measure.fraction(COMPLIANCE, 1.0),
        new Violations.Rows(c, col(c).lt(0), col(c), "are negative"));
  }

  /**
   * A SQL range rather than {@code hasMin}/{@code hasMax}: those compare doubles, while the bounds
   * written as decimal literals compare exactly with decimal columns and still coerce for others.
   */
  private static ConstraintRule range(QualityRule.Range r) {
    String c = r.column();
    List<String> conditions = new ArrayList<>();
    if (r.min() != null) {
      conditions.add(Formats.quoted(c) + " >= " + Formats.literal(r.min()));
    }
    if (r.max() != null) {
      conditions.add(Formats.quoted(c) + " <= " + Formats.literal(r.max()));
    }
    if (conditions.isEmpty()) {
      conditions.add("TRUE");
    }
    String sql = Formats.quoted(c) + " IS NULL OR (" + String.join(" AND ", conditions) + ")";
    String bounds = bounds(r.min(), r.max());
    return new ConstraintRule(
        r,
        c + " " + bounds,
        satisfies(r.name(), sql, 1.0, List.of(c)),
        Measure.fraction(COMPLIANCE, 1.0),
        new Violations.Rows(c, breaking(sql), col(c), "are not " + bounds));
  }

  private static ConstraintRule allowedValues(QualityRule.AllowedValues r) {
    String c = r.column();
    String allowed = Formats.list(r.values());
    String[] values = r.values().toArray(String[]::new);
    return new ConstraintRule(
        r,
        c + " in " + allowed,
        check -> check.isContainedIn(c, values, Check.IsOne(), Option.empty(), Option.empty()),
        Measure.fraction(COMPLIANCE, 1.0),
        new Violations.Rows(
            c,
            col(c).isNotNull().and(not(col(c).isin((Object[]) values))),
            col(c),
            "not in " + allowed));
  }

  /**
   * The whole value must match, as a reader of "values match [A-Z]{2}" expects; Deequ alone would
   * accept any value containing a match. Null values are filtered out, since Deequ would count them
   * as mismatches.
   */
  private static ConstraintRule pattern(QualityRule.Pattern r) {
    String c = r.column();
    String anchored = "^(?:" + r.regex() + ")$";
    Regex regex = new Regex(anchored, Scala.seq(List.of()));
    return new ConstraintRule(
        r,
        c + " matches '" + r.regex() + "'",
        check ->
            check
                .hasPattern(
                    c, regex, Check.IsOne(), Option.apply(r.name()), Option.empty(), Option.empty())
                .where(Formats.quoted(c) + " IS NOT NULL"),
        Measure.fraction("pattern match", 1.0),
        new Violations.Rows(
            c,
            col(c).isNotNull().and(regexp_extract(col(c), anchored, 0).equalTo("")),
            col(c),
            "do not match '" + r.regex() + "'"));
  }

  private static ConstraintRule predicate(QualityRule.Predicate r) {
    String sql = r.predicate();
    Measure measure = Measure.fraction(COMPLIANCE, r.minFraction());
    return new ConstraintRule(
        r,
        r.minFraction() >= 1.0 ? sql : sql + " for " + measure.requirement() + " of rows",
        satisfies(r.name(), sql, r.minFraction(), List.of()),
        measure,
        new Violations.Rows(null, breaking(sql), null, "fail " + sql, sql));
  }

  /** Deequ's compliance: the fraction of rows for which the SQL predicate is true. */
  private static UnaryOperator<Check> satisfies(
      String name, String sql, double minFraction, List<String> columns) {
    return check ->
        check.satisfies(
            sql,
            name,
            Scala.assertion(v -> v >= minFraction),
            Option.empty(),
            Scala.seq(columns),
            Option.empty());
  }

  /** Rows where the predicate is not true; Deequ's compliance counts null as not satisfied. */
  private static Column breaking(String sql) {
    return not(coalesce(expr(sql), lit(false)));
  }

  private static DoublePredicate within(Double min, Double max) {
    return v -> (min == null || v >= min) && (max == null || v <= max);
  }

  private static String bounds(Double min, Double max) {
    if (min != null && max != null) {
      return "between " + Formats.number(min) + " and " + Formats.number(max);
    }
    if (min != null) {
      return ">= " + Formats.number(min);
    }
    return max != null ? "<= " + Formats.number(max) : "unbounded";
  }
}
