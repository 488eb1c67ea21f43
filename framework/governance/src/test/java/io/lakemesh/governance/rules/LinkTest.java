package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.FINANCE_ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.ORDER_COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.ResourceLink.DatabaseLink;
import io.lakemesh.governance.ResourceLink.TableLink;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource links: pointers, not copies, and never a grant. */
class LinkTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final TableLink MARKETING_LINK =
      ResourceLink.defaultTableLink("marketing", ORDERS);

  @Test
  void aGrantOnALinkGrantsNothingOnItsTarget() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));
      g.createLink(MARKETING, MARKETING_LINK);

      g.grant(MARKETING, ANALYST, Resource.table(MARKETING_LINK.link()), Set.of(Permission.ALL));

      assertThatThrownBy(() -> g.checkSelect(ANALYST, MARKETING_LINK.link()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("table sales:sales.orders (through marketing:sales_link.orders)");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, MARKETING_LINK.link()))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.grants(ANALYST))
          .singleElement()
          .satisfies(x -> assertThat(x.catalog()).isEqualTo("marketing"));
    }
  }

  @Test
  void aLinkAlwaysShowsTheTargetsCurrentSchema() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      List<String> widened = new ArrayList<>(ORDER_COLUMNS);
      widened.add("currency");

      world.publish(ORDERS, widened, Map.of());

      AccessDecision read = g.checkSelect(MARKETING, MARKETING_LINK.link());
      assertThat(read.visibleColumnNames()).containsExactlyElementsOf(widened);
      assertThat(read.table().version()).isEqualTo(2);
      assertThat(read.via()).containsExactly(MARKETING_LINK);
    }
  }

  @Test
  void aDanglingLinkGivesAClearError() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      world.store.dropTableOutside(ORDERS);

      assertThatThrownBy(() -> g.checkSelect(MARKETING, MARKETING_LINK.link()))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "dangling link: table link marketing:sales_link.orders -> sales:sales.orders points"
                  + " at sales:sales.orders, which is not in the catalog (dropped, or never"
                  + " published)");
      assertThat(g.links(MARKETING))
          .singleElement()
          .satisfies(l -> assertThat(l.dangling()).isTrue());
      assertThatThrownBy(() -> g.checkSelect(MARKETING, TableId.of("marketing", "nothing", "here")))
          .isInstanceOf(NoSuchTableException.class)
          .hasMessage("table not found: marketing:nothing.here");
    }
  }

  @Test
  void cyclicLinksAreRefused() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      TableId a = TableId.of("marketing", "a", "t");
      TableId b = TableId.of("marketing", "b", "t");
      g.createLink(MARKETING, new TableLink(a, ORDERS));
      g.createLink(MARKETING, new TableLink(b, a));
      g.dropLink(MARKETING, new TableLink(a, ORDERS));

      assertThatThrownBy(() -> g.createLink(MARKETING, new TableLink(a, b)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cyclic resource links");
      assertThatThrownBy(() -> g.createLink(MARKETING, new TableLink(a, a)))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(
              () ->
                  g.createLink(
                      MARKETING,
                      new DatabaseLink(
                          DatabaseId.of("marketing", "d"), DatabaseId.of("marketing", "d"))))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(g.links(MARKETING))
          .extracting(l -> l.link().name())
          .containsExactly("marketing:b.t");
    }
  }

  @Test
  void linksChainAcrossCatalogs() {
    try (MeshWorld world = open(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      // finance (another LOB) reaches sales' product through a link of its own.
      g.grant(SALES, FINANCE, Resource.database(ORDERS.databaseId()), SELECT, SELECT);
      DatabaseLink retail =
          new DatabaseLink(DatabaseId.of("finance", "retail_sales"), ORDERS.databaseId());
      g.createLink(FINANCE, retail);
      TableLink chained =
          new TableLink(
              TableId.of("finance", "reports", "orders"),
              TableId.of("finance", "retail_sales", "orders"));
      g.createLink(FINANCE, chained);

      AccessDecision read = g.checkSelect(FINANCE, chained.link());
      assertThat(read.target()).isEqualTo(ORDERS);
      assertThat(read.via()).containsExactly(chained, retail);
      g.grant(FINANCE, FINANCE_ANALYST, Resource.table(ORDERS), SELECT);
      assertThat(g.checkSelect(FINANCE_ANALYST, chained.link()).allColumns()).isTrue();
    }
  }

  @Test
  void onlyTheAccountAdministratorLinksAndOnlyToWhatItMaySee() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      assertThatThrownBy(() -> g.createLink(MARKETING, MARKETING_LINK))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not CREATE LINK marketing:sales_link.orders to"
                  + " sales:sales.orders: missing DESCRIBE (no permission on the target)");
      g.grant(SALES, MARKETING, Resource.columns(ORDERS, List.of("amount")), SELECT);
      assertThatThrownBy(() -> g.createLink(ANALYST, MARKETING_LINK))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the administrator of account marketing changes its catalog");
      assertThatThrownBy(
              () -> g.createLink(MARKETING, ResourceLink.defaultTableLink("finance", ORDERS)))
          .isInstanceOf(AccessDeniedException.class);
      g.createLink(MARKETING, MARKETING_LINK);
      assertThatThrownBy(
              () ->
                  g.createLink(MARKETING, new TableLink(MARKETING_LINK.link(), MeshWorld.RETURNS)))
          .isInstanceOf(NoSuchTableException.class);
      world.publish(MeshWorld.RETURNS);
      assertThatThrownBy(
              () ->
                  g.createLink(MARKETING, new TableLink(MARKETING_LINK.link(), MeshWorld.RETURNS)))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(() -> g.createLink(SALES, new TableLink(ORDERS, MeshWorld.RETURNS)))
          .isInstanceOf(AlreadyExistsException.class);
      assertThatThrownBy(() -> g.dropLink(PRODUCT, MARKETING_LINK))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(
              () ->
                  g.dropLink(
                      MARKETING, ResourceLink.defaultTableLink("marketing", MeshWorld.RETURNS)))
          .isInstanceOf(NotFoundException.class);
    }
  }

  @Test
  void aPrincipalReadsThroughItsOwnAccountsLinksOnly() {
    try (MeshWorld world = published()) {
      Governance g = world.governance;
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      g.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);

      assertThatThrownBy(() -> g.checkSelect(FINANCE, MARKETING_LINK.link()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(
              "is in account marketing's catalog; a principal reads through its own account's"
                  + " links");
      assertThat(g.checkSelect(FINANCE, ORDERS).allColumns()).isTrue();
    }
  }

  @Test
  void linkChangesAreAuditedInTheLogOfTheTargetsProducer() {
    try (MeshWorld world = open(Topology.FEDERATED)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      g.createLink(MARKETING, MARKETING_LINK);
      g.dropLink(MARKETING, MARKETING_LINK);

      assertThat(world.events("sales"))
          .filteredOn(e -> e.action().name().startsWith("LINK"))
          .extracting(e -> e.action().label() + " by " + e.actor())
          .containsExactly("link-create by marketing", "link-delete by marketing");
    }
  }

  private MeshWorld published() {
    MeshWorld world = open(Topology.CENTRAL);
    world.publish(ORDERS);
    return world;
  }
}
