package io.lakemesh.orchestration;

import io.lakemesh.spec.ProductOrder;
import io.lakemesh.spec.ProductSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Products grouped into levels: a product's level is one more than the highest level of the
 * products it reads, so each level can run in parallel once the one before it has finished.
 */
public record ProductGraph(List<List<ProductSpec>> levels, Map<String, List<String>> upstream) {

  public static ProductGraph of(List<ProductSpec> specs) {
    List<ProductSpec> ordered = ProductOrder.sort(specs);
    Map<String, Integer> level = new HashMap<>();
    Map<String, List<String>> upstream = new java.util.LinkedHashMap<>();
    List<List<ProductSpec>> levels = new ArrayList<>();
    for (ProductSpec spec : ordered) {
      List<String> inputs = ProductOrder.upstream(spec).stream().filter(level::containsKey).toList();
      int mine = inputs.stream().mapToInt(level::get).max().orElse(-1) + 1;
      level.put(spec.id(), mine);
      upstream.put(spec.id(), inputs);
      while (levels.size() <= mine) {
        levels.add(new ArrayList<>());
      }
      levels.get(mine).add(spec);
    }
    return new ProductGraph(levels.stream().map(List::copyOf).toList(), upstream);
  }

  /** The Glue job that runs a product: {@code PREFIX-domain-name}. */
  public static String jobName(String prefix, ProductSpec spec) {
    return prefix + spec.domain() + "-" + spec.name().replace('_', '-');
  }
}
