package io.lakemesh.bench.catalog;

import java.util.Arrays;

/** Durations of one kind of operation, in nanoseconds, and their nearest-rank percentiles. */
final class Latencies {
  private long[] samples = new long[64];
  private int count;

  void add(long nanos) {
    if (count == samples.length) {
      samples = Arrays.copyOf(samples, count * 2);
    }
    samples[count++] = nanos;
  }

  int count() {
    return count;
  }

  double medianMs() {
    return percentileMs(50);
  }

  double p99Ms() {
    return percentileMs(99);
  }

  /** The smallest sample that at least {@code p}% of the samples do not exceed. */
  double percentileMs(double p) {
    if (count == 0) {
      throw new IllegalStateException("no samples");
    }
    long[] sorted = Arrays.copyOf(samples, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100 * count);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
