package io.lakemesh.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.orchestration.RunPlan.Run;
import io.lakemesh.orchestration.RunPlan.Sequence;
import io.lakemesh.orchestration.RunPlan.Together;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each product waits for the products it reads and, where the lineage allows, nothing else. */
class RunPlanTest {

  /** Products as {@code id} or {@code id<input,input}, in lineage order. */
  static ProductGraph graph(String... products) {
    Map<String, List<String>> upstream = new LinkedHashMap<>();
    for (String p : products) {
      String[] parts = p.split("<");
      upstream.put(parts[0], parts.length == 1 ? List.of() : Arrays.asList(parts[1].split(",")));
    }
    return new ProductGraph(List.copyOf(upstream.keySet()), upstream);
  }

  @Test
  void productsThatShareNoLineageRunSideBySide() {
    ProductGraph g =
        graph(
            "sales.orders",
            "product.inventory",
            "product.stock<product.inventory",
            "finance.revenue<sales.orders,product.stock",
            "marketing.audience");
    assertThat(RunPlan.of(g))
        .isEqualTo(
            new Together(
                List.of(
                    new Sequence(
                        List.of(
                            new Together(
                                List.of(
                                    new Run("sales.orders"),
                                    new Sequence(
                                        List.of(
                                            new Run("product.inventory"),
                                            new Run("product.stock"))))),
                            new Run("finance.revenue"))),
                    new Run("marketing.audience"))));
  }

  @Test
  void aDiamondRunsItsMiddleSideBySideBetweenItsEnds() {
    ProductGraph g =
        graph("a.source", "a.left<a.source", "a.right<a.source", "a.sink<a.left,a.right");
    assertThat(RunPlan.of(g))
        .isEqualTo(
            new Sequence(
                List.of(
                    new Run("a.source"),
                    new Together(List.of(new Run("a.left"), new Run("a.right"))),
                    new Run("a.sink"))));
  }

  @Test
  void twoSourcesFeedingTwoSinksAreTwoSteps() {
    ProductGraph g = graph("a.one", "a.two", "a.three<a.one,a.two", "a.four<a.one,a.two");
    assertThat(RunPlan.of(g))
        .isEqualTo(
            new Sequence(
                List.of(
                    new Together(List.of(new Run("a.one"), new Run("a.two"))),
                    new Together(List.of(new Run("a.three"), new Run("a.four"))))));
  }

  @Test
  void lineageThatIsNotSeriesParallelIsSplitAfterItsSources() {
    // one and two feed three; two alone feeds four: no split is exact, so four also waits for one.
    ProductGraph g = graph("a.one", "a.two", "a.three<a.one,a.two", "a.four<a.two");
    assertThat(RunPlan.of(g))
        .isEqualTo(
            new Sequence(
                List.of(
                    new Together(List.of(new Run("a.one"), new Run("a.two"))),
                    new Together(List.of(new Run("a.three"), new Run("a.four"))))));
  }

  @Test
  void aGraphMustBeInLineageOrder() {
    assertThatThrownBy(() -> graph("a.late<a.early", "a.early"))
        .hasMessageContaining("a.late reads a.early, which is not scheduled before it");
    assertThatThrownBy(() -> graph("a.b_c", "a_b.c")).hasMessageContaining("a_b_c");
  }
}
