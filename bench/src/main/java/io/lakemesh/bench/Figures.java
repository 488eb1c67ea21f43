package io.lakemesh.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The timings of one benchmark run, their medians and ratios, as a table and as JSON. */
final class Figures {
  /** A ratio of two medians and the target issue 4 sets for it. */
  record Ratio(String key, String label, String over, String under, double target) {}

  static final List<Ratio> RATIOS = List.of(
      new Ratio("B_over_A", "B / A", "B", "A", 1.25),
      new Ratio("B_scan_only_over_A", "B_scan_only / A", "B_scan_only", "A", 1.10),
      new Ratio("B_over_C", "B / C", "B", "C", 0.6),
      new Ratio("A_over_D", "A / D", "A", "D", 1.3),
      new Ratio("incremental_over_full", "E incremental / full", "E_incremental", "E_full", 0.15));

  static final Map<String, String> LABELS = new LinkedHashMap<>();

  static {
    LABELS.put("A", "job, no quality rules");
    LABELS.put("B", "job, standard rules (in-write gate)");
    LABELS.put("B_scan_only", "job, standard rules less uniqueness");
    LABELS.put("C", "job A + hand-written Deequ VerificationSuite");
    LABELS.put("D", "plain Spark Parquet write (floor)");
    LABELS.put("D_partitioned", "plain Parquet write, partitioned by month");
    LABELS.put("E_incremental", "verify 5% append: stored states + new rows");
    LABELS.put("E_full", "verify 5% append: full Deequ recompute");
  }

  private final long rows;
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Long>>> stages = new LinkedHashMap<>();

  Figures(long rows) {
    this.rows = rows;
    LABELS.keySet().forEach(k -> seconds.put(k, new ArrayList<>()));
  }

  void add(String figure, double s) {
    seconds.get(figure).add(s);
  }

  /** The job's own stage timings, for where the time goes. */
  void stages(String figure, Map<String, Long> millis) {
    Map<String, List<Long>> byStage = stages.computeIfAbsent(figure, k -> new LinkedHashMap<>());
    millis.forEach((stage, ms) -> byStage.computeIfAbsent(stage, k -> new ArrayList<>()).add(ms));
  }

  double median(String figure) {
    return median(seconds.get(figure));
  }

  private static double median(List<? extends Number> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values.stream().map(Number::doubleValue).sorted().toList());
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double ratio(Ratio r) {
    return median(r.over()) / median(r.under());
  }

  String table(int runs) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nlakemesh quality benchmark: %,d rows of generated sales.orders, %d runs each, %d cores%n%n",
        rows, runs, Runtime.getRuntime().availableProcessors()));
    out.append(String.format(Locale.ROOT, "%-14s %-46s %9s %9s %9s%n", "case", "", "median s", "min s", "max s"));
    seconds.forEach((k, v) -> {
      if (!v.isEmpty()) {
        out.append(String.format(Locale.ROOT, "%-14s %-46s %9.2f %9.2f %9.2f%n", k, LABELS.get(k), median(v),
            v.stream().mapToDouble(d -> d).min().orElse(Double.NaN), v.stream().mapToDouble(d -> d).max().orElse(Double.NaN)));
      }
    });
    out.append(String.format(Locale.ROOT, "%n%-24s %7s %8s%n", "ratio", "value", "target"));
    for (Ratio r : RATIOS) {
      double value = ratio(r);
      out.append(String.format(Locale.ROOT, "%-24s %7.3f %8s  %s%n", r.label(), value, "<= " + r.target(),
          value <= r.target() ? "met" : "MISSED"));
    }
    out.append(String.format(Locale.ROOT, "%nwhere the job's time goes (median ms per stage)%n"));
    List<String> names = new ArrayList<>();
    stages.values().forEach(m -> m.keySet().stream().filter(s -> !names.contains(s)).forEach(names::add));
    out.append(String.format(Locale.ROOT, "%-24s", "stage"));
    stages.keySet().forEach(f -> out.append(String.format(Locale.ROOT, " %12s", f)));
    out.append('\n');
    for (String stage : names) {
      out.append(String.format(Locale.ROOT, "%-24s", stage));
      stages.values().forEach(m -> out.append(String.format(Locale.ROOT, " %12.0f", median(m.getOrDefault(stage, List.of())))));
      out.append('\n');
    }
    return out.toString();
  }

  String json(int runs) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("rows", rows);
    root.put("runs", runs);
    root.put("cores", Runtime.getRuntime().availableProcessors());
    Map<String, Object> medians = new LinkedHashMap<>();
    seconds.forEach((k, v) -> {
      if (!v.isEmpty()) {
        medians.put(k, round(median(v)));
      }
    });
    root.put("medians_s", medians);
    Map<String, Object> ratios = new LinkedHashMap<>();
    Map<String, Object> targets = new LinkedHashMap<>();
    for (Ratio r : RATIOS) {
      ratios.put(r.key(), round(ratio(r)));
      targets.put(r.key(), r.target());
    }
    root.put("ratios", ratios);
    root.put("targets", targets);
    root.put("runs_s", seconds);
    Map<String, Map<String, Double>> stageMedians = new TreeMap<>();
    stages.forEach((f, m) -> {
      Map<String, Double> med = new LinkedHashMap<>();
      m.forEach((stage, ms) -> med.put(stage, median(ms)));
      stageMedians.put(f, med);
    });
    root.put("stage_medians_ms", stageMedians);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
