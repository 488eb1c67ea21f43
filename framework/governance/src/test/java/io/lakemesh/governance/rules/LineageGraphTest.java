package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.REVENUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.LineageEvent;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.rules.LineageGraph.Kind;
import io.lakemesh.governance.rules.LineageGraph.Node;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lineage graph around a product: its shape (dataset names and edges, never a value) is read by
 * whoever may discover the product, with no refusal on record, and names nothing the reader may not
 * discover. Drawn from a hand-written mesh of three products: {@code orders.csv -> sales.orders ->
 * finance.revenue <- product.inventory <- inventory.json}.
 */
class LineageGraphTest extends RuleSuite {
  private static final String ORDERS_DS = "lakemesh://sales/sales.orders";
  private static final String INVENTORY_DS = "lakemesh://product/product.inventory";
  private static final String REVENUE_DS = "lakemesh://finance/finance.revenue";

  @Test
  void aDiscovererWithoutDescribeReadsTheShapeWithEveryDatasetItMayNotDescribeHidden() {
    try (MeshWorld world = threeProducts(Topology.CENTRAL)) {
      long refusedBefore = refusals(world);

      // Orders' own source and the product it feeds are hidden; the walk stops at a hidden one.
      LineageGraph orders = world.governance.lineageGraph(MARKETING, ORDERS);
      String feeds =
          orders.edges().stream()
              .filter(e -> e.from().equals(ORDERS_DS))
              .map(LineageGraph.Edge::to)
              .findFirst()
              .orElseThrow();
      assertThat(edges(orders))
          .containsExactlyInAnyOrder(
              hiddenInputOf(orders, ORDERS_DS) + " -> " + ORDERS_DS, ORDERS_DS + " -> " + feeds);
      assertThat(feeds).startsWith("hidden dataset ");
      assertThat(orders.nodes()).extracting(Node::name).containsOnly(ORDERS_DS, "hidden dataset");

      // Revenue's two inputs are two hidden datasets, each an input of revenue only.
      LineageGraph revenue = world.governance.lineageGraph(MARKETING, REVENUE);
      List<String> inputs =
          revenue.edges().stream()
              .filter(e -> e.to().equals(REVENUE_DS))
              .map(LineageGraph.Edge::from)
              .toList();
      assertThat(inputs)
          .hasSize(2)
          .allMatch(i -> i.startsWith("hidden dataset "))
          .doesNotHaveDuplicates();
      assertThat(edges(revenue)).hasSize(2);
      assertThat(revenue.nodes()).extracting(Node::name).containsOnly(REVENUE_DS, "hidden dataset");
      assertThat(revenue.nodes())
          .filteredOn(n -> n.kind() == Kind.HIDDEN)
          .allMatch(n -> n.table() == null);
      assertThat(revenue.edges()).extracting(LineageGraph.Edge::job).containsOnly("hidden job");
      assertThat(refusals(world)).isEqualTo(refusedBefore);
    }
  }

  @Test
  void theOwnerReadsItsOwnSourceWholeAndAnotherProducersSourceHidden() {
    try (MeshWorld world = threeProducts(Topology.CENTRAL)) {
      LineageGraph graph = world.governance.lineageGraph(SALES, ORDERS);

      // Finance's revenue, which sales may not describe, reads hidden: the walk stops there.
      assertThat(edges(graph)).hasSize(2).contains("file:/data/sales/orders.csv -> " + ORDERS_DS);
      assertThat(graph.nodes())
          .extracting(Node::name)
          .containsOnly("file:/data/sales/orders.csv", ORDERS_DS, "hidden dataset");
      assertThat(graph.nodes())
          .filteredOn(n -> n.name().startsWith("file:"))
          .singleElement()
          .satisfies(n -> assertThat(n.kind()).isEqualTo(Kind.SOURCE));
      assertThat(graph.nodes())
          .filteredOn(n -> n.id().equals(ORDERS_DS))
          .singleElement()
          .satisfies(n -> assertThat(n.kind()).isEqualTo(Kind.SELF));
    }
  }

  @Test
  void inLobFederatedAProductOutsideTheReadersDiscoveryIsNeitherNamedNorDrawnAround() {
    try (MeshWorld world = threeProducts(Topology.LOB_FEDERATED)) {
      // marketing discovers its own line of business (sales, product), not finance's.
      LineageGraph graph = world.governance.lineageGraph(MARKETING, ORDERS);

      assertThat(graph.nodes()).extracting(Node::name).containsOnly(ORDERS_DS, "hidden dataset");
      assertThat(graph.nodes())
          .extracting(Node::id)
          .noneMatch(n -> n.contains("finance") || n.contains("file:"));

      assertThatThrownBy(() -> world.governance.lineageGraph(MARKETING, REVENUE))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  private static List<String> edges(LineageGraph graph) {
    return graph.edges().stream().map(e -> e.from() + " -> " + e.to()).toList();
  }

  /** The one hidden dataset that feeds {@code dataset}. */
  private static String hiddenInputOf(LineageGraph graph, String dataset) {
    List<String> from =
        graph.edges().stream()
            .filter(e -> e.to().equals(dataset))
            .map(LineageGraph.Edge::from)
            .filter(f -> f.startsWith("hidden dataset "))
            .toList();
    assertThat(from).hasSize(1);
    return from.get(0);
  }

  private static long refusals(MeshWorld world) {
    return world.events().stream().filter(e -> e.outcome() == AuditEvent.Outcome.REFUSED).count();
  }

  private MeshWorld threeProducts(Topology topology) {
    MeshWorld world = open(topology);
    publish(world, ORDERS, "orders-1", List.of("file:/data/sales/orders.csv"));
    publish(world, INVENTORY, "inventory-1", List.of("file:/data/product/inventory.json"));
    publish(world, REVENUE, "revenue-1", List.of(ORDERS_DS, INVENTORY_DS));
    return world;
  }

  private static void publish(MeshWorld world, TableId id, String runId, List<String> inputs) {
    Publication p = world.publication(id, MeshWorld.ORDER_COLUMNS, Map.of());
    LineageEvent event =
        new LineageEvent(
            runId,
            "lakemesh." + id.database() + "." + id.table(),
            Instant.parse("2026-12-01T06:00:00Z"),
            inputs,
            List.of(LineageEvent.dataset(id)),
            "{}");
    world.governance.publish(
        Principal.administrator(id.catalog()), new Publication(p.table(), null, event, null));
  }
}
