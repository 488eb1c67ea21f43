package io.lakemesh.orchestration;

import io.lakemesh.exceptions.InvalidConfigException;
import io.lakemesh.spec.ProductOrder;
import io.lakemesh.spec.ProductSpec;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The products to schedule, in lineage order, each with the products it reads among them (a product
 * read from outside the selection is taken as already there).
 *
 * @param products product ids ({@code DOMAIN.NAME}), each after the products it reads
 * @param upstream for each product, the products it reads that are scheduled too
 */
public record ProductGraph(List<String> products, Map<String, List<String>> upstream) {

  public ProductGraph {
    products = List.copyOf(products);
    Map<String, List<String>> copy = new LinkedHashMap<>();
    Map<String, String> keys = new HashMap<>();
    for (int i = 0; i < products.size(); i++) {
      String id = products.get(i);
      if (id.indexOf('.') < 1) {
        throw new InvalidConfigException("product", "'" + id + "' is not a product id DOMAIN.NAME");
      }
      String clash = keys.put(outcomeKey(id), id);
      if (clash != null) {
        throw new InvalidConfigException(
            "product",
            "products "
                + clash
                + " and "
                + id
                + " cannot be scheduled together: their outcomes would share the key "
                + outcomeKey(id));
      }
      Set<String> before = Set.copyOf(products.subList(0, i));
      List<String> inputs = List.copyOf(upstream.getOrDefault(id, List.of()));
      for (String input : inputs) {
        if (!before.contains(input)) {
          throw new IllegalArgumentException(
              id + " reads " + input + ", which is not scheduled before it");
        }
      }
      copy.put(id, inputs);
    }
    upstream = Collections.unmodifiableMap(copy);
  }

  public static ProductGraph of(List<ProductSpec> specs) {
    List<ProductSpec> ordered = ProductOrder.sort(specs);
    Set<String> selected = new HashSet<>();
    Map<String, List<String>> upstream = new LinkedHashMap<>();
    for (ProductSpec spec : ordered) {
      upstream.put(
          spec.id(), ProductOrder.upstream(spec).stream().filter(selected::contains).toList());
      selected.add(spec.id());
    }
    return new ProductGraph(List.copyOf(upstream.keySet()), upstream);
  }

  /** The Glue job that runs a product: {@code PREFIX-domain-name}. */
  public static String jobName(String prefix, String product) {
    int dot = product.indexOf('.');
    return prefix + product.substring(0, dot) + "-" + product.substring(dot + 1).replace('_', '-');
  }

  /**
   * The product's part of a run id ({@code domain-name}): run ids allow letters, digits, {@code -}
   * and {@code _}, and a run of a scheduled product is {@code SCHEDULER_RUN-domain-name}.
   */
  public static String runIdSuffix(String product) {
    return product.replace('.', '-');
  }

  /** The product's key in a state machine's outcomes: a JSONPath name (letters, digits, _). */
  public static String outcomeKey(String product) {
    return product.replaceAll("[^A-Za-z0-9_]", "_");
  }
}
