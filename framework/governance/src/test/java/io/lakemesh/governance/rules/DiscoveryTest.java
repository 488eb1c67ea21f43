package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.REVENUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Discovery: what a search finds, where it looks, and what it shows before any grant. */
class DiscoveryTest extends RuleSuite {
  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "FEDERATED"})
  void searchCoversEveryProducerCatalog(Topology topology) {
    try (MeshWorld world = three(topology)) {
      assertThat(world.governance.search(MARKETING, SearchQuery.all()))
          .extracting(ProductListing::table)
          .containsExactly(REVENUE, INVENTORY, ORDERS);
    }
  }

  @Test
  void inLobFederatedASearchCoversTheSearchersLobAndWhatItAlreadyReaches() {
    try (MeshWorld world = three(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;
      assertThat(g.search(MARKETING, SearchQuery.all()))
          .extracting(ProductListing::table)
          .containsExactly(INVENTORY, ORDERS);
      assertThat(g.search(FINANCE, SearchQuery.all()))
          .extracting(ProductListing::table)
          .containsExactly(REVENUE);

      g.grant(SALES, FINANCE, Resource.table(ORDERS), Set.of(Permission.SELECT));

      assertThat(g.search(FINANCE, SearchQuery.all()))
          .extracting(ProductListing::table)
          .containsExactly(REVENUE, ORDERS);
      assertThat(g.search(FINANCE, SearchQuery.all()))
          .filteredOn(l -> l.table().equals(ORDERS))
          .singleElement()
          .satisfies(l -> assertThat(l.catalog()).isEqualTo("retail-gov"));
    }
  }

  @Test
  void searchByTextTagsOwnerDomainAndQuality() {
    try (MeshWorld world = three(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");

      assertThat(find(g, SearchQuery.text("orders"))).containsExactly("sales:sales.orders");
      assertThat(find(g, SearchQuery.text("INVENTORY of product")))
          .containsExactly("product:product.inventory");
      assertThat(find(g, SearchQuery.text("customer_id"))).hasSize(2);
      assertThat(find(g, SearchQuery.all().withTag("domain=sales")))
          .containsExactly("sales:sales.orders");
      assertThat(find(g, SearchQuery.all().withTag("classification", "internal")))
          .containsExactly("sales:sales.orders");
      assertThat(find(g, SearchQuery.all().withTag("cost_center", "cc-7")))
          .containsExactly("finance:finance.revenue");
      assertThat(find(g, SearchQuery.all().withOwner("product")))
          .containsExactly("product:product.inventory");
      assertThat(find(g, SearchQuery.all().withOwner("finance-data")))
          .containsExactly("finance:finance.revenue");
      assertThat(find(g, SearchQuery.all().withDomain("finance")))
          .containsExactly("finance:finance.revenue");
      assertThat(find(g, SearchQuery.all().withQualityStatus("passed"))).hasSize(3);
      assertThat(find(g, SearchQuery.all().withQualityStatus("FAILED"))).isEmpty();
      assertThat(find(g, SearchQuery.text("orders").withDomain("finance"))).isEmpty();
      assertThatThrownBy(() -> SearchQuery.all().withTag("domain"))
          .hasMessageContaining("key=value");
    }
  }

  @Test
  void aTagCriterionMeetsTheValueInForceNotOneItOverrides() {
    try (MeshWorld world = three(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.defineSalesTags();
      // A declared value that is an LF-tag value outranks the database's.
      g.assignTag(SALES, TagTarget.database(ORDERS.databaseId()), "domain", "finance");
      g.assignTag(SALES, TagTarget.database(ORDERS.databaseId()), "classification", "public");

      assertThat(find(g, SearchQuery.all().withTag("domain", "finance")))
          .containsExactly("finance:finance.revenue");
      assertThat(find(g, SearchQuery.all().withTag("classification", "public")))
          .containsExactly("sales:sales.orders");

      // A value assigned to the table outranks both.
      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "product");
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");

      assertThat(find(g, SearchQuery.all().withTag("domain", "sales"))).isEmpty();
      assertThat(find(g, SearchQuery.all().withTag("domain", "product")))
          .containsExactly("product:product.inventory", "sales:sales.orders");
      assertThat(find(g, SearchQuery.all().withTag("classification", "public"))).isEmpty();
      assertThat(find(g, SearchQuery.text("orders").withTag("classification", "internal")))
          .containsExactly("sales:sales.orders");
    }
  }

  @Test
  void pagesFollowInTableOrderAndEachSaysWhereTheNextStarts() {
    try (MeshWorld world = three(Topology.CENTRAL)) {
      Governance g = world.governance;
      SearchPage first = g.searchPage(MARKETING, SearchQuery.all().withLimit(2));
      assertThat(first.products())
          .extracting(ProductListing::table)
          .containsExactly(REVENUE, INVENTORY);
      assertThat(first.next()).contains(INVENTORY);

      SearchPage second =
          g.searchPage(MARKETING, SearchQuery.all().withLimit(2).withAfter(first.next().get()));
      assertThat(second.products()).extracting(ProductListing::table).containsExactly(ORDERS);
      assertThat(second.next()).as("the last page").isEmpty();
      assertThat(g.searchPage(MARKETING, SearchQuery.all().withLimit(3)).next()).isEmpty();
      assertThatThrownBy(() -> SearchQuery.all().withLimit(0))
          .hasMessageContaining("at least one product");
    }
  }

  @Test
  void aPageThinnedByTheTagsInForceIsFilledFromTheCatalogsNextPage() {
    try (MeshWorld world = three(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.defineSalesTags();
      // Revenue's database carries domain=sales, but revenue declares domain=finance, which
      // outranks it: the catalog offers revenue first, and the value in force turns it down.
      g.assignTag(FINANCE, TagTarget.database(REVENUE.databaseId()), "domain", "sales");

      assertThat(find(g, SearchQuery.all().withTag("domain", "sales").withLimit(1)))
          .containsExactly("sales:sales.orders");
      assertThat(g.searchPage(MARKETING, SearchQuery.all().withTag("domain", "sales").withLimit(1)))
          .satisfies(p -> assertThat(p.next()).isEmpty());
    }
  }

  @Test
  void aListingShowsProductFactsButNotWhatOnlyDescribeShows() {
    try (MeshWorld world = three(Topology.CENTRAL)) {
      Governance g = world.governance;
      ProductListing orders = g.search(ANALYST, SearchQuery.text("orders")).get(0);

      assertThat(orders.product()).isEqualTo("sales.orders");
      assertThat(orders.domain()).isEqualTo("sales");
      assertThat(orders.owner()).isEqualTo("sales");
      assertThat(orders.ownerTeam()).isEqualTo("sales-data");
      assertThat(orders.description()).isEqualTo("The orders of sales");
      assertThat(orders.qualityStatus()).isEqualTo("PASSED");
      assertThat(orders.tags()).isEqualTo(Map.of("domain", "sales"));
      assertThat(orders.columns())
          .extracting(c -> c.name())
          .containsExactlyElementsOf(MeshWorld.ORDER_COLUMNS);
      assertThat(orders.toString()).doesNotContain("file:/warehouse", TableParameters.SNAPSHOT_ID);

      assertThatThrownBy(() -> g.describe(ANALYST, ORDERS))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("missing DESCRIBE");
      g.grant(
          SALES, MARKETING, Resource.columns(ORDERS, List.of("amount")), Set.of(Permission.SELECT));
      assertThat(g.describe(MARKETING, ORDERS).location())
          .isEqualTo("file:/warehouse/sales/orders");
      assertThat(g.describe(MARKETING, ORDERS).columns())
          .extracting(c -> c.name())
          .containsExactly("amount");
    }
  }

  private static List<String> find(Governance g, SearchQuery query) {
    return g.search(MARKETING, query).stream().map(l -> l.table().toString()).toList();
  }

  private MeshWorld three(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS, MeshWorld.ORDER_COLUMNS, Map.of("domain", "sales"));
    world.publish(INVENTORY, List.of("product_id", "stock"), Map.of("domain", "product"));
    world.publish(
        REVENUE,
        List.of("day", "customer_id", "amount"),
        Map.of("domain", "finance", "cost_center", "cc-7"));
    if (topology == Topology.FEDERATED) {
      world.governance.createTag(FINANCE, LfTag.of("domain", "finance"));
    }
    return world;
  }
}
