package io.lakemesh.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The timings of one benchmark run, their medians and ratios, as a table and as JSON. Each case has
 * its wall-clock seconds and the CPU seconds the JVM spent meanwhile (every thread, the driver's
 * and Spark's tasks'): on a machine shared with other work, wall-clock times stretch with the load
 * while CPU times barely move, so the CPU ratios tell what the gate costs when the wall clock
 * cannot.
 */
final class Figures {
  /** A ratio of two medians and the target the issues set for it (NaN: none). */
  record Ratio(String key, String label, String over, String under, double target) {}

  /**
   * Issue 4's ratios, with B/A and A/D at issue 16's tighter targets (they were 1.25 and 1.3), and
   * issue 16's and 15's side-by-side, merge and quarantine ratios.
   */
  static final List<Ratio> RATIOS =
      List.of(
          new Ratio("B_over_A", "B / A", "B", "A", 1.15),
          new Ratio("B_scan_only_over_A", "B_scan_only / A", "B_scan_only", "A", 1.10),
          new Ratio("B_over_C", "B / C", "B", "C", 0.6),
          new Ratio("A_over_D", "A / D", "A", "D", 1.2),
          new Ratio(
              "incremental_over_full", "E incremental / full", "E_incremental", "E_full", 0.15),
          new Ratio(
              "merge_incremental_over_full",
              "M upsert gate / full",
              "M_incremental",
              "M_full",
              0.2),
          new Ratio(
              "merge_ordered_incremental_over_full",
              "M_ordered upsert gate / full",
              "M_ordered_incremental",
              "M_ordered_full",
              0.2),
          new Ratio("B_quarantine_over_B", "B_quarantine / B", "B_quarantine", "B", Double.NaN),
          new Ratio("A_over_H", "A_process / H", "A_process", "H", Double.NaN),
          new Ratio("B_over_H", "B_process / H", "B_process", "H", 0.77),
          new Ratio("B_upsert_over_H_upsert", "B_upsert / H_upsert", "B_upsert", "H_upsert", 0.77));

  /** A whole-process case and the most seconds issue 16 allows it. */
  record Limit(String figure, double seconds) {}

  static final List<Limit> LIMITS =
      List.of(
          new Limit("run_1000", 8), new Limit("run_unchanged", 3), new Limit("catalog_list", 1));

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
    LABELS.put("B_quarantine", "job B, row rules quarantine, 0.1% bad rows");
    LABELS.put("M_incremental", "5% upsert run's quality gate stage (merge)");
    LABELS.put("M_full", "full Deequ gate over the upserted table");
    LABELS.put("M_ordered_incremental", "the same, orders placed in id order");
    LABELS.put("M_ordered_full", "the same, full Deequ gate");
    LABELS.put("H", "process: hand-written job, first load");
    LABELS.put("H_upsert", "process: hand-written job, 5% upsert");
    LABELS.put("A_process", "process: run sales.orders without rules");
    LABELS.put("B_process", "process: run sales.orders, first load");
    LABELS.put("B_upsert", "process: run sales.orders, 5% upsert");
    LABELS.put("run_unchanged", "process: run sales.orders, inputs unchanged");
    LABELS.put("run_1000", "process: run sales.orders on 1,000 rows");
    LABELS.put("catalog_list", "process: catalog list");
  }

  private final long rows;
  private final Map<String, List<Double>> seconds = new LinkedHashMap<>();
  private final Map<String, List<Double>> cpuSeconds = new LinkedHashMap<>();
  private final Map<String, Map<String, List<Long>>> stages = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  Figures(long rows) {
    this.rows = rows;
    LABELS.keySet().forEach(k -> seconds.put(k, new ArrayList<>()));
    LABELS.keySet().forEach(k -> cpuSeconds.put(k, new ArrayList<>()));
  }

  void add(String figure, Timing timing) {
    seconds.get(figure).add(timing.wall());
    cpuSeconds.get(figure).add(timing.cpu());
  }

  /** Something the figures cannot say by themselves, such as why a case is missing. */
  void note(String note) {
    notes.add(note);
  }

  List<String> notes() {
    return notes;
  }

  /** The wall-clock seconds of every run of a case. */
  List<Double> runs(String figure) {
    return seconds.get(figure);
  }

  /** Wall-clock and CPU seconds of one run of a case (CPU NaN where it is not known). */
  record Timing(double wall, double cpu) {}

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
    List<Double> sorted =
        new ArrayList<>(values.stream().map(Number::doubleValue).sorted().toList());
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double ratio(Ratio r) {
    return median(r.over()) / median(r.under());
  }

  double cpuRatio(Ratio r) {
    return median(cpuSeconds.get(r.over())) / median(cpuSeconds.get(r.under()));
  }

  String table(int runs) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%nlakemesh quality benchmark: %,d rows of generated sales.orders, %d runs each, %d cores%n%n",
            rows,
            runs,
            Runtime.getRuntime().availableProcessors()));
    out.append(
        String.format(
            Locale.ROOT,
            "%-14s %-46s %9s %9s %9s %10s%n",
            "case",
            "",
            "median s",
            "min s",
            "max s",
            "median cpu"));
    seconds.forEach(
        (k, v) -> {
          if (!v.isEmpty()) {
            out.append(
                String.format(
                    Locale.ROOT,
                    "%-14s %-46s %9.2f %9.2f %9.2f %10.2f%n",
                    k,
                    LABELS.get(k),
                    median(v),
                    v.stream().mapToDouble(d -> d).min().orElse(Double.NaN),
                    v.stream().mapToDouble(d -> d).max().orElse(Double.NaN),
                    median(cpuSeconds.get(k))));
          }
        });
    out.append(
        String.format(Locale.ROOT, "%n%-24s %7s %8s %9s%n", "ratio", "value", "target", "cpu"));
    for (Ratio r : RATIOS) {
      double value = ratio(r);
      if (!Double.isNaN(value)) {
        boolean targeted = !Double.isNaN(r.target());
        out.append(
            String.format(
                Locale.ROOT,
                "%-24s %7.3f %8s  %-6s %7.3f%n",
                r.label(),
                value,
                targeted ? "<= " + r.target() : "",
                targeted ? (value <= r.target() ? "met" : "MISSED") : "",
                cpuRatio(r)));
      }
    }
    for (Limit l : LIMITS) {
      double value = median(l.figure());
      if (!Double.isNaN(value)) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-24s %6.2fs %8s  %-6s%n",
                l.figure(),
                value,
                "<= " + l.seconds() + "s",
                value <= l.seconds() ? "met" : "MISSED"));
      }
    }
    notes.forEach(n -> out.append(n).append('\n'));
    if (stages.isEmpty()) { // the in-process cases did not run
      return out.toString();
    }
    out.append(String.format(Locale.ROOT, "%nwhere the job's time goes (median ms per stage)%n"));
    List<String> names = new ArrayList<>();
    stages
        .values()
        .forEach(m -> m.keySet().stream().filter(s -> !names.contains(s)).forEach(names::add));
    out.append(String.format(Locale.ROOT, "%-24s", "stage"));
    stages.keySet().forEach(f -> out.append(String.format(Locale.ROOT, " %12s", f)));
    out.append('\n');
    for (String stage : names) {
      out.append(String.format(Locale.ROOT, "%-24s", stage));
      stages
          .values()
          .forEach(
              m ->
                  out.append(
                      String.format(
                          Locale.ROOT, " %12.0f", median(m.getOrDefault(stage, List.of())))));
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
    seconds.forEach((k, v) -> putNumber(medians, k, round(median(v))));
    root.put("medians_s", medians);
    Map<String, Object> cpuMedians = new LinkedHashMap<>();
    cpuSeconds.forEach((k, v) -> putNumber(cpuMedians, k, round(median(v))));
    root.put("cpu_medians_s", cpuMedians);
    Map<String, Object> ratios = new LinkedHashMap<>();
    Map<String, Object> cpuRatios = new LinkedHashMap<>();
    Map<String, Object> targets = new LinkedHashMap<>();
    for (Ratio r : RATIOS) {
      putNumber(ratios, r.key(), round(ratio(r)));
      putNumber(cpuRatios, r.key(), round(cpuRatio(r)));
      putNumber(targets, r.key(), r.target());
    }
    Map<String, Object> limits = new LinkedHashMap<>();
    LIMITS.forEach(l -> limits.put(l.figure(), l.seconds()));
    root.put("ratios", ratios);
    root.put("cpu_ratios", cpuRatios);
    root.put("targets", targets);
    root.put("limits_s", limits);
    root.put("notes", notes);
    root.put("runs_s", seconds);
    root.put("cpu_runs_s", cpuSeconds);
    Map<String, Map<String, Double>> stageMedians = new TreeMap<>();
    stages.forEach(
        (f, m) -> {
          Map<String, Double> med = new LinkedHashMap<>();
          m.forEach((stage, ms) -> med.put(stage, median(ms)));
          stageMedians.put(f, med);
        });
    root.put("stage_medians_ms", stageMedians);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Leaves out what was not measured (a case not run, a CPU time not known, a ratio without a
   * target).
   */
  private static void putNumber(Map<String, Object> map, String key, double value) {
    if (!Double.isNaN(value)) {
      map.put(key, value);
    }
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
