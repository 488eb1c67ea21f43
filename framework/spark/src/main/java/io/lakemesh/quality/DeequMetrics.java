package io.lakemesh.quality;

import com.amazon.deequ.analyzers.Analyzer;
import com.amazon.deequ.metrics.DoubleMetric;
import io.lakemesh.catalog.Metric;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deequ's computed metrics as lakemesh records, named exactly as Deequ names them. */
final class DeequMetrics {
  private DeequMetrics() {}

  /** Every successfully computed value, except those on {@code hidden} (derived) columns. */
  static List<Metric> of(
      Map<Analyzer<?, com.amazon.deequ.metrics.Metric<?>>, com.amazon.deequ.metrics.Metric<?>>
          measured,
      Set<String> hidden) {
    return measured.values().stream()
        .map(m -> Scala.java(m.flatten()))
        .flatMap(Collection::stream)
        .filter(m -> m.value().isSuccess() && !hidden.contains(m.instance()))
        .map(DeequMetrics::metric)
        .toList();
  }

  private static Metric metric(DoubleMetric m) {
    return new Metric(
        m.entity().toString(), m.instance(), m.name(), ((Number) m.value().get()).doubleValue());
  }
}
