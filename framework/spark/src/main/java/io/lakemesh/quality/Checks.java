package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckLevel;
import com.amazon.deequ.checks.CheckResult;
import com.amazon.deequ.constraints.ConstraintResult;
import io.lakemesh.catalog.ConstraintResult.Severity;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.spec.QualityRule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Deequ checks of one gate: error-severity rules in one {@link Check} at {@code
 * CheckLevel.Error}, warning-severity rules in one at {@code CheckLevel.Warning}, and for each rule
 * which of those constraints decide it.
 *
 * <p>This says what must be measured ({@link #analyzers()}, over the data plus {@link
 * #derivedColumns()}), not how: a Deequ scan and metrics gathered while the data was written
 * ({@code Check.evaluate(AnalyzerContext)}) are judged the same way. DQDL rules are not here; Deequ
 * evaluates a DQDL ruleset on its own.
 */
public final class Checks {
  /** Where a rule's constraints sit in the check of its severity. */
  private record Placed(RuleCheck rule, int from, int to) {}

  private final List<Placed> placed;
  private final Check errors;
  private final Check warnings;

  private Checks(List<Placed> placed, Check errors, Check warnings) {
    this.placed = placed;
    this.errors = errors;
    this.warnings = warnings;
  }

  static Checks of(
      Dataset<Row> data, List<QualityRule> rules, List<QualityRun> history, Instant at) {
    Check errors =
        new Check(CheckLevel.Error(), "lakemesh rules of severity error", Scala.seq(List.of()));
    Check warnings =
        new Check(CheckLevel.Warning(), "lakemesh rules of severity warning", Scala.seq(List.of()));
    List<Placed> placed = new ArrayList<>();
    for (QualityRule rule : rules) {
      RuleCheck check = ruleCheck(rule, history, at);
      if (check == null) {
        continue;
      }
      RuleCheck applicable =
          Applicability.problem(rule, data)
              .<RuleCheck>map(problem -> new Inapplicable(check, problem))
              .orElse(check);
      boolean error = rule.severity() == Severity.ERROR;
      Check target = error ? errors : warnings;
      int from = target.constraints().size();
      target = applicable.addTo(target);
      placed.add(new Placed(applicable, from, target.constraints().size()));
      if (error) {
        errors = target;
      } else {
        warnings = target;
      }
    }
    return new Checks(placed, errors, warnings);
  }

  private static RuleCheck ruleCheck(QualityRule rule, List<QualityRun> history, Instant at) {
    if (rule instanceof QualityRule.Freshness r) {
      return new FreshnessRule(r, at);
    } else if (rule instanceof QualityRule.Anomaly r) {
      return AnomalyRules.of(r, history);
    }
    return Constraints.of(rule);
  }

  /** The checks to run or evaluate; a severity without rules has none. */
  public List<Check> deequChecks() {
    return List.of(errors, warnings).stream().filter(c -> !c.constraints().isEmpty()).toList();
  }

  /** Every analyzer whose metric the gate needs: those of the checks plus ones kept as history. */
  public List<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>> analyzers() {
    Set<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>> all = new LinkedHashSet<>();
    deequChecks().forEach(c -> all.addAll(Scala.java(c.requiredAnalyzers().toSeq())));
    placed.forEach(p -> all.addAll(p.rule().analyzers()));
    return List.copyOf(all);
  }

  /** Columns the analyzers read that are computed from the data, by name. */
  public Map<String, Column> derivedColumns() {
    Map<String, Column> derived = new HashMap<>();
    placed.forEach(p -> derived.putAll(p.rule().derivedColumns()));
    return derived;
  }

  /** The data with the derived columns added, as Deequ must measure it. */
  public Dataset<Row> prepare(Dataset<Row> data) {
    Map<String, Column> derived = derivedColumns();
    return derived.isEmpty() ? data : data.withColumns(derived);
  }

  /** Each rule's verdict, in rule order, from the results of the checks. */
  List<Verdict> judge(Function<Check, CheckResult> resultOf) {
    Map<Check, List<ConstraintResult>> results = new HashMap<>();
    deequChecks().forEach(c -> results.put(c, Scala.java(resultOf.apply(c).constraintResults())));
    List<Verdict> verdicts = new ArrayList<>();
    for (Placed p : placed) {
      Check check = p.rule().rule().severity() == Severity.ERROR ? errors : warnings;
      List<ConstraintResult> own =
          p.from() == p.to() ? List.of() : results.get(check).subList(p.from(), p.to());
      verdicts.add(new Verdict(p.rule().rule(), p.rule().judge(own), p.rule().violations()));
    }
    return verdicts;
  }

  /** Deequ's metrics (derived columns left out) and the rules' own, sorted by name. */
  List<Metric> metrics(
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured) {
    List<Metric> metrics = new ArrayList<>(DeequMetrics.of(measured, derivedColumns().keySet()));
    placed.forEach(p -> metrics.addAll(p.rule().metrics(measured)));
    metrics.sort(
        Comparator.comparing(Metric::entity)
            .thenComparing(Metric::instance)
            .thenComparing(Metric::name));
    return metrics;
  }
}
