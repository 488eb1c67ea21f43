package io.lakemesh.quality;

import com.amazon.deequ.VerificationResult;
import com.amazon.deequ.VerificationSuite;
import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.analyzers.runners.AnalyzerContext;
import com.amazon.deequ.checks.Check;
import com.amazon.deequ.checks.CheckResult;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.Metric;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.spec.QualityRule;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The quality gate of one batch, shaped like Deequ's own runs:
 *
 * <pre>{@code
 * QualityResult result = QualityGate.on(staged)
 *     .rules(spec.quality())
 *     .history(previousRuns)   // newest first; FAILED runs are not a baseline
 *     .at(Instant.now())       // "now" for freshness
 *     .run();
 * }</pre>
 *
 * <p>{@link #run()} evaluates every rule's constraints in one Deequ verification run: one scan for
 * the scan-shareable analyzers plus Deequ's grouping pass when a rule needs uniqueness. Only when a
 * row-level rule fails does the gate go back to the data, to count and show the violating rows. A
 * DQDL rule is evaluated by Deequ's DQDL support in a pass of its own, on a thread of its own
 * meanwhile ({@link DqdlEvaluations}).
 *
 * <p>A rule that cannot be checked on this data (a column missing or of the wrong type, a predicate
 * that does not resolve) is a failed constraint whose message names the cause; the gate does not
 * throw for it, so the run is recorded like any other failed run.
 */
public final class QualityGate {
  private final Dataset<Row> data;
  private List<QualityRule> rules = List.of();
  private List<QualityRun> history = List.of();
  private Instant at;

  private QualityGate(Dataset<Row> data) {
    this.data = Objects.requireNonNull(data, "data");
  }

  /** A gate over exactly the staged data. */
  public static QualityGate on(Dataset<Row> data) {
    return new QualityGate(data);
  }

  public QualityGate rules(List<QualityRule> rules) {
    this.rules = List.copyOf(rules);
    return this;
  }

  /** Earlier runs of the same table, for anomaly rules. */
  public QualityGate history(List<QualityRun> history) {
    this.history = List.copyOf(history);
    return this;
  }

  /** The time freshness is measured against; the time of {@link #run()} when not given. */
  public QualityGate at(Instant at) {
    this.at = Objects.requireNonNull(at, "at");
    return this;
  }

  /**
   * The Deequ checks these rules amount to, for callers that compute the metrics themselves (while
   * writing the data, say) and then {@link #evaluate(AnalyzerContext) evaluate} them.
   */
  public Checks checks() {
    return Checks.of(data, rules, history, at == null ? Instant.now() : at);
  }

  /** Measures the data with Deequ and judges every rule. */
  public QualityResult run() {
    Checks checks = checks();
    try (DqdlEvaluations dqdl = DqdlEvaluations.start(rules, data)) {
      if (checks.analyzers().isEmpty()) {
        return judge(checks, check -> null, Map.of(), dqdl);
      }
      VerificationResult result =
          new VerificationSuite()
              .onData(checks.prepare(data))
              .addChecks(Scala.seq(checks.deequChecks()))
              .addRequiredAnalyzers(Scala.seq(checks.analyzers()))
              .run();
      Map<Check, CheckResult> results = Scala.java(result.checkResults());
      return judge(checks, results::get, Scala.java(result.metrics()), dqdl);
    }
  }

  /**
   * Judges every rule against metrics computed elsewhere; {@code measured} must hold the metrics of
   * {@link Checks#analyzers()}, computed over the data with {@link Checks#derivedColumns()}. The
   * data itself is read only to explain failures and for DQDL rules.
   */
  public QualityResult evaluate(AnalyzerContext measured) {
    try (DqdlEvaluations dqdl = DqdlEvaluations.start(rules, data)) {
      return evaluate(checks(), measured, dqdl);
    }
  }

  /**
   * The aggregation that measures rows shaped like this gate's data for {@link #verify}: attach it
   * to the batch a write consumes ({@code Dataset.observe}), or run it over the rows a snapshot
   * added.
   */
  public ScanPlan scanPlan() {
    return scanPlan(List.of());
  }

  /**
   * {@link #scanPlan()} for a batch merged into the table on {@code mergeKeys}: the aggregation
   * also finds the range of the batch's keys, so that a merge is verified from the rows in it.
   */
  public ScanPlan scanPlan(List<String> mergeKeys) {
    return ScanPlan.of(checks(), data, mergeKeys, true);
  }

  /**
   * {@link #scanPlan(List)} for a batch that becomes the table (a first write or an overwrite) or
   * is merged into it: the keys' bounds, which only an append into rows looks its keys up by, are
   * not computed (each new greatest key string is copied, so they cost a copy on most rows of a
   * batch ordered by its key).
   */
  public ScanPlan scanPlanWithoutKeyBounds(List<String> mergeKeys) {
    return ScanPlan.of(checks(), data, mergeKeys, false);
  }

  /**
   * Judges this gate's data, the table after a change, from the {@code plan}'s aggregation of the
   * rows the change brought and the states stored for the table before. What those cannot tell
   * (uniqueness not proven, metrics of a merge, rules added since the states were stored) is
   * measured in one Deequ run over the data; the result is the same as {@link #run()}'s.
   */
  public Verification verify(ScanPlan plan, Row newRows, TableChange change) {
    Checks checks = checks();
    return verification(checks, () -> TableMetrics.of(checks, data, plan, newRows, change));
  }

  /**
   * {@link #run()}, keeping the analyzer states so that the next append can be verified from them.
   */
  public Verification verifyFully() {
    Checks checks = checks();
    return verification(checks, () -> TableMetrics.of(checks, data));
  }

  /** Measures with {@code measure} while the DQDL rulesets are evaluated, then judges. */
  private Verification verification(Checks checks, Supplier<TableMetrics.Measured> measure) {
    try (DqdlEvaluations dqdl = DqdlEvaluations.start(rules, data)) {
      TableMetrics.Measured measured = measure.get();
      return new Verification(
          evaluate(checks, measured.context(), dqdl), measured.states(), measured.passes());
    }
  }

  private QualityResult evaluate(Checks checks, AnalyzerContext measured, DqdlEvaluations dqdl) {
    return judge(checks, check -> check.evaluate(measured), Scala.java(measured.metricMap()), dqdl);
  }

  private QualityResult judge(
      Checks checks,
      Function<Check, CheckResult> resultOf,
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured,
      DqdlEvaluations dqdl) {
    Map<QualityRule, ConstraintResult> results = new IdentityHashMap<>();
    FailureExamples.explain(data, checks.judge(resultOf))
        .forEach(v -> results.put(v.rule(), v.result()));
    Map<List<String>, Metric> metrics = new LinkedHashMap<>();
    checks.metrics(measured).forEach(m -> metrics.putIfAbsent(key(m), m));
    for (QualityRule rule : rules) {
      if (rule instanceof QualityRule.Dqdl) {
        DqdlRules.Evaluation evaluation = dqdl.next();
        results.put(rule, evaluation.result());
        evaluation.metrics().forEach(m -> metrics.putIfAbsent(key(m), m));
      }
    }
    return new QualityResult(
        List.copyOf(metrics.values()), rules.stream().map(results::get).toList());
  }

  /** DQDL may measure what a rule already did; the first value of a metric stands. */
  private static List<String> key(Metric m) {
    return List.of(m.entity(), m.instance(), m.name());
  }
}
