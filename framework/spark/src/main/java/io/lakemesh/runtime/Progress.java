package io.lakemesh.runtime;

import java.io.PrintStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Times the stages of a run and tells the user on stderr where it is. */
final class Progress {
  private final String product;
  private final PrintStream out;
  private final Map<String, Long> millis = new LinkedHashMap<>();

  Progress(String product, PrintStream out) {
    this.product = product;
    this.out = out;
  }

  <T> T stage(String name, Supplier<T> work) {
    long start = System.nanoTime();
    if (out != null) {
      out.printf("[%s] %s ...%n", product, name);
    }
    try {
      return work.get();
    } finally {
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      millis.merge(name, elapsed, Long::sum);
      if (out != null) {
        out.printf("[%s] %s done in %d ms%n", product, name, elapsed);
      }
    }
  }

  void stage(String name, Runnable work) {
    stage(
        name,
        () -> {
          work.run();
          return null;
        });
  }

  void note(String message) {
    if (out != null) {
      out.printf("[%s] %s%n", product, message);
    }
  }

  Map<String, Long> millis() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(millis));
  }
}
