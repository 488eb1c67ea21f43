package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.checks.Check;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.RuleMeasure;
import io.lakemesh.quality.AnomalyRules.Point;
import io.lakemesh.quality.AnomalyRules.Series;
import io.lakemesh.spec.QualityRule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import scala.Option;

/**
 * One anomaly rule. With history it is Deequ's {@code isNewestPointNonAnomalous} at the rule's
 * severity; without (the first run, or no bounds given) it only has its metric recorded, because
 * Deequ's check fails on an empty history.
 */
record AnomalyRule(QualityRule.Anomaly rule, Series series, List<Point> history)
    implements RuleCheck {

  private boolean compares() {
    return !history.isEmpty() && series.strategy() != null;
  }

  @Override
  public String constraint() {
    return series.measure() + " may " + series.allowed() + " from the previous run";
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Check addTo(Check check) {
    if (!compares()) {
      return check;
    }
    return check.isNewestPointNonAnomalous(
        AnomalyRules.repository(series, history),
        series.strategy(),
        (Analyzer) series.analyzer(),
        Scala.map(Map.of()),
        Option.empty(),
        Option.empty(),
        Option.empty());
  }

  @Override
  public List<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>> analyzers() {
    return compares() ? List.of() : List.of(series.analyzer());
  }

  @Override
  public ConstraintResult judge(List<com.amazon.deequ.constraints.ConstraintResult> results) {
    if (history.isEmpty()) {
      return passed("first run: no earlier run to compare the " + series.measure() + " with");
    }
    if (!compares()) {
      return passed("no bounds given: the " + series.measure() + " is recorded only");
    }
    Measurement m = Measurement.of(results.get(0));
    if (m.empty()) {
      return passed("no rows to check");
    }
    if (!m.present()) {
      return failed(series.measure() + " could not be measured: " + m.problem());
    }
    Point previous = AnomalyRules.previous(history).orElseThrow();
    String measured =
        series.measure()
            + " "
            + series.format().apply(m.value())
            + " vs "
            + series.format().apply(previous.value())
            + " in the previous run ("
            + previous.at()
            + ")";
    return judged(
        m.satisfied(),
        m.satisfied() ? measured : measured + ", allowed to " + series.allowed(),
        new RuleMeasure(m.value(), series.format().apply(m.value()), series.allowed()));
  }

  /** The change against the previous run as its strategy measures it: a ratio or a difference. */
  @Override
  public List<Metric> metrics(
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured) {
    Optional<Double> current = Measurement.valueOf(measured.get(series.analyzer()));
    if (history.isEmpty() || current.isEmpty()) {
      return List.of();
    }
    double previous = AnomalyRules.previous(history).orElseThrow().value();
    return List.of(
        new Metric(
            series.entity().toString(),
            series.instance(),
            series.changeName(),
            series.change().applyAsDouble(current.get(), previous)));
  }
}
