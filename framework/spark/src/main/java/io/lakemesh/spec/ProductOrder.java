package io.lakemesh.spec;

import io.lakemesh.exceptions.InvalidConfigException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Orders products so that each runs after the products it reads (lineage order). */
public final class ProductOrder {
  private ProductOrder() {}

  public static List<ProductSpec> sort(List<ProductSpec> specs) {
    Map<String, ProductSpec> byId = new LinkedHashMap<>();
    specs.forEach(s -> byId.put(s.id(), s));
    List<ProductSpec> ordered = new ArrayList<>();
    Map<String, Boolean> state = new LinkedHashMap<>(); // false: visiting, true: done
    for (ProductSpec s : specs) {
      visit(s, byId, state, ordered, new ArrayList<>());
    }
    return ordered;
  }

  /** The products a spec reads as inputs. */
  public static List<String> upstream(ProductSpec spec) {
    return spec.sources().values().stream()
        .filter(SourceSpec.Product.class::isInstance)
        .map(s -> ((SourceSpec.Product) s).product())
        .toList();
  }

  private static void visit(
      ProductSpec s,
      Map<String, ProductSpec> byId,
      Map<String, Boolean> state,
      List<ProductSpec> ordered,
      List<String> path) {
    Boolean seen = state.get(s.id());
    if (Boolean.TRUE.equals(seen)) {
      return;
    }
    path.add(s.id());
    if (Boolean.FALSE.equals(seen)) {
      throw new InvalidConfigException(
          "sources", "products read each other in a cycle: " + String.join(" -> ", path));
    }
    state.put(s.id(), false);
    for (String up : upstream(s)) {
      ProductSpec dep = byId.get(up);
      if (dep != null) {
        visit(dep, byId, state, ordered, path);
      }
    }
    state.put(s.id(), true);
    path.remove(path.size() - 1);
    ordered.add(s);
  }
}
