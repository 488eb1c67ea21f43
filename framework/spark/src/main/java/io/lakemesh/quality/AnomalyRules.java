package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.Completeness;
import com.amazon.deequ.analyzers.Size;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.anomalydetection.AbsoluteChangeStrategy;
import com.amazon.deequ.anomalydetection.AnomalyDetectionStrategy;
import com.amazon.deequ.anomalydetection.RelativeRateOfChangeStrategy;
import com.amazon.deequ.metrics.DoubleMetric;
import com.amazon.deequ.metrics.Entity;
import com.amazon.deequ.metrics.Metric;
import com.amazon.deequ.repository.MetricsRepository;
import com.amazon.deequ.repository.ResultKey;
import com.amazon.deequ.repository.memory.InMemoryMetricsRepository;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.spec.QualityRule;
import io.lakemesh.spec.QualityRule.AnomalyMetric;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleFunction;
import scala.Enumeration;
import scala.Option;
import scala.util.Success;

/**
 * Anomaly rules as Deequ anomaly checks over the metric history of earlier runs.
 *
 * <p>Bounds read as a data engineer writes them: for the row count, {@code max-decrease: 0.5} means
 * "at most 50% fewer rows than last time" and {@code max-increase: 1.0} "at most twice as many"
 * (Deequ's {@link RelativeRateOfChangeStrategy} takes the ratios 0.5 and 2.0); for completeness
 * they are absolute, {@code max-decrease: 0.05} allowing a drop from 98% to 93% ({@link
 * AbsoluteChangeStrategy} with -0.05). Only runs that were not {@code FAILED} count as history: a
 * rejected batch never became the baseline.
 */
final class AnomalyRules {
  private AnomalyRules() {}

  /** A metric at one point in time. */
  record Point(Instant at, double value) {}

  /** How one anomaly metric is measured, named and compared. */
  record Series(
      String measure,
      Analyzer<?, Metric<?>> analyzer,
      Enumeration.Value entity,
      String instance,
      String name,
      DoubleFunction<String> format,
      AnomalyDetectionStrategy strategy,
      String allowed,
      String changeName,
      DoubleBinaryOperator change) {}

  static RuleCheck of(QualityRule.Anomaly rule, List<QualityRun> history) {
    Series series = series(rule);
    List<Point> points =
        history.stream()
            .filter(run -> run.outcome() != QualityRun.Outcome.FAILED)
            .flatMap(
                run ->
                    run
                        .metric(series.name(), series.instance())
                        .map(m -> new Point(run.at(), m.value()))
                        .stream())
            .sorted(Comparator.comparing(Point::at))
            .toList();
    return new AnomalyRule(rule, series, points);
  }

  private static Series series(QualityRule.Anomaly rule) {
    if (rule.metric() == AnomalyMetric.ROW_COUNT) {
      return new Series(
          "row count",
          analyzer(new Size(Option.empty())),
          Entity.Dataset(),
          "*",
          "Size",
          Formats::number,
          rule.maxDecrease() == null && rule.maxIncrease() == null
              ? null
              : new RelativeRateOfChangeStrategy(
                  Scala.option(rule.maxDecrease() == null ? null : 1 - rule.maxDecrease()),
                  Scala.option(rule.maxIncrease() == null ? null : 1 + rule.maxIncrease()),
                  1),
          allowed(rule, Formats::percent),
          "SizeRateOfChange",
          (current, previous) -> current / previous);
    }
    String column = rule.column();
    return new Series(
        "completeness of " + column,
        analyzer(new Completeness(column, Option.empty(), Option.empty())),
        Entity.Column(),
        column,
        "Completeness",
        Formats::percent,
        rule.maxDecrease() == null && rule.maxIncrease() == null
            ? null
            : new AbsoluteChangeStrategy(
                Scala.option(rule.maxDecrease() == null ? null : -rule.maxDecrease()),
                Scala.option(rule.maxIncrease()),
                1),
        allowed(rule, v -> Formats.percent(v) + " (absolute)"),
        "CompletenessAbsoluteChange",
        (current, previous) -> current - previous);
  }

  private static String allowed(QualityRule.Anomaly rule, DoubleFunction<String> format) {
    String fall =
        rule.maxDecrease() == null ? null : "fall by at most " + format.apply(rule.maxDecrease());
    String rise =
        rule.maxIncrease() == null ? null : "rise by at most " + format.apply(rule.maxIncrease());
    if (fall == null && rise == null) {
      return "any change";
    }
    return fall == null ? rise : rise == null ? fall : fall + " and " + rise;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Analyzer<?, Metric<?>> analyzer(Analyzer analyzer) {
    return analyzer;
  }

  /** Deequ's anomaly check reads history from a repository; this one holds exactly the points. */
  static MetricsRepository repository(Series series, List<Point> points) {
    InMemoryMetricsRepository repository = new InMemoryMetricsRepository();
    for (Point point : points) {
      DoubleMetric metric =
          new DoubleMetric(
              series.entity(),
              series.name(),
              series.instance(),
              new Success<>(point.value()),
              Option.empty());
      repository.save(
          new ResultKey(point.at().toEpochMilli(), Scala.map(Map.of())),
          new AnalyzerContext(Scala.map(Map.of(series.analyzer(), metric))));
    }
    return repository;
  }

  static Optional<Point> previous(List<Point> points) {
    return points.isEmpty() ? Optional.empty() : Optional.of(points.get(points.size() - 1));
  }
}
