package io.lakemesh.spec;

import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.config.Section;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses {@code quality.rules} into {@link QualityRule}s, checking columns against the contract.
 */
final class QualityRules {
  private static final Set<String> KEYS =
      Set.of(
          "type",
          "name",
          "severity",
          "column",
          "columns",
          "min",
          "max",
          "values",
          "regex",
          "predicate",
          "min-fraction",
          "max-age",
          "rules",
          "metric",
          "max-decrease",
          "max-increase",
          "on-fail");

  /** The rule types that judge single rows, so that a row breaking them can be set aside. */
  private static final String ROW_LEVEL =
      "completeness (with min = 1.0), non-negative, range, allowed-values, pattern and sql (with"
          + " min-fraction = 1.0)";

  /** The keys of the {@code quality} section. */
  static final Set<String> QUALITY_KEYS = Set.of("rules", "max-quarantine", "quarantine-warning");

  private QualityRules() {}

  /** {@code quality.max-quarantine} and {@code quality.quarantine-warning}, defaults if absent. */
  static QuarantineLimits limits(Section root) {
    if (!root.has("quality")) {
      return QuarantineLimits.DEFAULT;
    }
    Section quality = root.section("quality", QUALITY_KEYS);
    return new QuarantineLimits(
        quality.has("max-quarantine")
            ? fraction(quality, "max-quarantine")
            : QuarantineLimits.DEFAULT.max(),
        quality.has("quarantine-warning")
            ? fraction(quality, "quarantine-warning")
            : QuarantineLimits.DEFAULT.warning());
  }

  static List<QualityRule> parse(Section root, Set<String> columns) {
    if (!root.has("quality")) {
      return List.of();
    }
    Section quality = root.section("quality", QUALITY_KEYS);
    List<QualityRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Section r : quality.sectionList("rules", KEYS)) {
      QualityRule rule = rule(r, columns);
      if (!names.add(rule.name())) {
        throw r.invalid(
            "name", "two rules are named '" + rule.name() + "'; give one a distinct name");
      }
      rules.add(rule);
    }
    return rules;
  }

  private static QualityRule rule(Section r, Set<String> columns) {
    String type = r.string("type").toLowerCase(Locale.ROOT);
    QualityRule.OnFail onFail = onFail(r);
    QualityRule rule = rule(r, type, onFail, columns);
    boolean rowLevel =
        rule.onFail() == QualityRule.OnFail.QUARANTINE
            && !(rule instanceof QualityRule.Completeness c && c.min() < 1.0)
            && !(rule instanceof QualityRule.Predicate p && p.minFraction() < 1.0);
    if (onFail == QualityRule.OnFail.QUARANTINE && !rowLevel) {
      throw r.invalid(
          "on-fail",
          "rule '"
              + rule.name()
              + "' (type "
              + type
              + ") cannot quarantine:"
              + " only rules that judge each row on its own may set rows aside, namely "
              + ROW_LEVEL
              + "; remove on-fail or change the rule");
    }
    return rule;
  }

  private static QualityRule.OnFail onFail(Section r) {
    String value = r.optString("on-fail").orElse("gate").toLowerCase(Locale.ROOT);
    return switch (value) {
      case "gate" -> QualityRule.OnFail.GATE;
      case "quarantine" -> QualityRule.OnFail.QUARANTINE;
      default ->
          throw r.invalid(
              "on-fail",
              "expected quarantine (set failing rows aside) or gate"
                  + " (the default: the rule's severity decides for the batch), got '"
                  + value
                  + "'");
    };
  }

  private static QualityRule rule(
      Section r, String type, QualityRule.OnFail onFail, Set<String> columns) {
    Severity severity = severity(r);
    return switch (type) {
      case "size" ->
          new QualityRule.Size(
              name(r, "size", null),
              severity,
              r.optLong("min").orElse(null),
              r.optLong("max").orElse(null));
      case "completeness" -> {
        String c = column(r, columns);
        yield new QualityRule.Completeness(
            name(r, type, c), severity, c, fraction(r, "min"), onFail);
      }
      case "unique", "uniqueness", "primary-key" -> {
        List<String> cs = r.has("columns") ? r.stringList("columns") : List.of(r.string("column"));
        cs.forEach(c -> known(r, c, columns));
        yield new QualityRule.Uniqueness(name(r, "unique", String.join(",", cs)), severity, cs);
      }
      case "non-negative" -> {
        String c = column(r, columns);
        yield new QualityRule.NonNegative(name(r, type, c), severity, c, onFail);
      }
      case "range" -> {
        String c = column(r, columns);
        if (!r.has("min") && !r.has("max")) {
          throw r.invalid("min", "a range rule needs min, max or both");
        }
        yield new QualityRule.Range(
            name(r, type, c),
            severity,
            c,
            r.optDouble("min").orElse(null),
            r.optDouble("max").orElse(null),
            onFail);
      }
      case "allowed-values" -> {
        String c = column(r, columns);
        List<String> values = r.stringList("values");
        if (values.isEmpty()) {
          throw r.invalid("values", "allowed-values needs a non-empty list");
        }
        yield new QualityRule.AllowedValues(name(r, type, c), severity, c, values, onFail);
      }
      case "pattern" -> {
        String c = column(r, columns);
        String regex = r.string("regex");
        try {
          Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
          throw r.invalid("regex", "not a valid regular expression: " + e.getDescription());
        }
        yield new QualityRule.Pattern(name(r, type, c), severity, c, regex, onFail);
      }
      case "sql", "predicate" ->
          new QualityRule.Predicate(
              r.string("name"),
              severity,
              r.string("predicate"),
              r.has("min-fraction") ? fraction(r, "min-fraction") : 1.0,
              onFail);
      case "freshness" -> {
        String c = column(r, columns);
        yield new QualityRule.Freshness(
            name(r, type, c), severity, c, r.duration("max-age"), r.durationUnit("max-age"));
      }
      case "dqdl" -> new QualityRule.Dqdl(name(r, "dqdl", null), severity, r.string("rules"));
      case "anomaly" -> anomaly(r, severity, columns);
      default ->
          throw r.invalid(
              "type",
              "unknown rule type '"
                  + type
                  + "' (size, completeness, unique, non-negative, range, "
                  + "allowed-values, pattern, sql, freshness, dqdl, anomaly)");
    };
  }

  private static QualityRule anomaly(Section r, Severity severity, Set<String> columns) {
    String metric = r.string("metric").toLowerCase(Locale.ROOT);
    return switch (metric) {
      case "row-count" ->
          new QualityRule.Anomaly(
              name(r, "anomaly.row_count", null),
              severity,
              QualityRule.AnomalyMetric.ROW_COUNT,
              null,
              r.optDouble("max-decrease").orElse(null),
              r.optDouble("max-increase").orElse(null));
      case "completeness" -> {
        String c = column(r, columns);
        yield new QualityRule.Anomaly(
            name(r, "anomaly.completeness", c),
            severity,
            QualityRule.AnomalyMetric.COMPLETENESS,
            c,
            r.optDouble("max-decrease").orElse(null),
            r.optDouble("max-increase").orElse(null));
      }
      default ->
          throw r.invalid("metric", "expected row-count or completeness, got '" + metric + "'");
    };
  }

  private static String name(Section r, String type, String column) {
    return r.optString("name").orElse(column == null ? type : type + "(" + column + ")");
  }

  private static Severity severity(Section r) {
    String s = r.optString("severity").orElse("error").toUpperCase(Locale.ROOT);
    try {
      return Severity.valueOf(s);
    } catch (IllegalArgumentException e) {
      throw r.invalid(
          "severity", "expected error or warning, got '" + s.toLowerCase(Locale.ROOT) + "'");
    }
  }

  private static String column(Section r, Set<String> columns) {
    return known(r, r.string("column"), columns);
  }

  private static String known(Section r, String column, Set<String> columns) {
    if (!columns.contains(column)) {
      throw r.invalid(
          r.has("columns") ? "columns" : "column",
          "column '" + column + "' is not in the schema contract");
    }
    return column;
  }

  private static double fraction(Section r, String key) {
    double value = r.optDouble(key).orElse(1.0);
    if (value < 0 || value > 1) {
      throw r.invalid(key, "a fraction between 0 and 1, got " + value);
    }
    return value;
  }
}
