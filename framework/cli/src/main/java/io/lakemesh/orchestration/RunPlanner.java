package io.lakemesh.orchestration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Plans one graph ({@link RunPlan}); ancestors are computed within the products being split. */
final class RunPlanner {
  private final ProductGraph graph;

  RunPlanner(ProductGraph graph) {
    this.graph = graph;
  }

  RunPlan plan(List<String> products) {
    List<List<String>> groups = connected(products);
    if (groups.size() > 1) {
      return new RunPlan.Together(groups.stream().map(this::plan).toList());
    }
    if (products.size() == 1) {
      return new RunPlan.Run(products.get(0));
    }
    Map<String, Set<String>> ancestors = ancestors(products);
    Set<String> first = seriesSplit(products, ancestors);
    List<String> before = products.stream().filter(first::contains).toList();
    List<String> after = products.stream().filter(p -> !first.contains(p)).toList();
    List<RunPlan> steps = new ArrayList<>();
    for (RunPlan part : List.of(plan(before), plan(after))) {
      steps.addAll(part instanceof RunPlan.Sequence s ? s.steps() : List.of(part));
    }
    return new RunPlan.Sequence(steps);
  }

  /**
   * A set of products every other product reads (through lineage), found as the ancestors of some
   * product; the group's sources when there is none.
   */
  private static Set<String> seriesSplit(
      List<String> products, Map<String, Set<String>> ancestors) {
    for (String candidate : products) {
      Set<String> first = ancestors.get(candidate);
      if (!first.isEmpty()
          && products.stream()
              .filter(p -> !first.contains(p))
              .allMatch(p -> ancestors.get(p).containsAll(first))) {
        return first;
      }
    }
    Set<String> sources = new LinkedHashSet<>();
    products.stream().filter(p -> ancestors.get(p).isEmpty()).forEach(sources::add);
    return sources;
  }

  /** Each product's ancestors among {@code products} (given in lineage order). */
  private Map<String, Set<String>> ancestors(List<String> products) {
    Map<String, Set<String>> out = new HashMap<>();
    for (String p : products) {
      Set<String> mine = new LinkedHashSet<>();
      for (String input : graph.upstream().get(p)) {
        if (out.containsKey(input)) {
          mine.add(input);
          mine.addAll(out.get(input));
        }
      }
      out.put(p, mine);
    }
    return out;
  }

  /** The products split into groups joined by lineage (either direction), each in order. */
  private List<List<String>> connected(List<String> products) {
    Map<String, String> root = new HashMap<>();
    products.forEach(p -> root.put(p, p));
    for (String p : products) {
      for (String input : graph.upstream().get(p)) {
        if (root.containsKey(input)) {
          root.put(find(root, input), find(root, p));
        }
      }
    }
    Map<String, List<String>> groups = new LinkedHashMap<>();
    for (String p : products) {
      groups.computeIfAbsent(find(root, p), k -> new ArrayList<>()).add(p);
    }
    return List.copyOf(groups.values());
  }

  private static String find(Map<String, String> root, String p) {
    String r = p;
    while (!root.get(r).equals(r)) {
      r = root.get(r);
    }
    return r;
  }
}
