package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A revoke counts from the very next check, whatever the grant went through, in every topology. */
class RevocationTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final TableId THROUGH_LINK = TableId.of("marketing", "sales_link", "orders");

  @ParameterizedTest
  @EnumSource(Topology.class)
  void revokingEachKindOfGrantRefusesTheNextRead(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "sales");
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      List<Resource> routes =
          List.of(
              Resource.table(ORDERS),
              Resource.database(ORDERS.databaseId()),
              Resource.columns(ORDERS, List.of("amount")),
              Resource.tagPolicy("sales", TagExpression.parse("domain=sales")));
      g.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      for (Resource route : routes) {
        g.grant(SALES, MARKETING, route, SELECT);
        assertThat(g.checkSelect(MARKETING, THROUGH_LINK).visibleColumns())
            .as(route.toString())
            .isNotEmpty();

        g.revoke(SALES, MARKETING, route, SELECT);

        assertThatThrownBy(() -> g.checkSelect(MARKETING, THROUGH_LINK))
            .as(route.toString())
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining("table sales:sales.orders")
            .hasMessageContaining("missing SELECT");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void revokingASubscriptionRefusesTheNextReadAndKeepsTheLink(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      AccessRequest active =
          g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      assertThat(g.checkSelect(MARKETING, THROUGH_LINK).allColumns()).isTrue();

      AccessRequest revoked = g.revokeSubscription(SALES, active.id());

      assertThat(revoked.state()).isEqualTo(AccessRequest.State.REVOKED);
      assertThatThrownBy(() -> g.checkSelect(MARKETING, THROUGH_LINK))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.links(MARKETING))
          .singleElement()
          .satisfies(l -> assertThat(l.dangling()).isFalse());
      assertThatThrownBy(() -> g.revokeSubscription(SALES, active.id()))
          .hasMessageContaining("is REVOKED and cannot become REVOKED");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void removingTheTagThatMatchedAPolicyRefusesTheNextRead(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "public");
      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy("sales", TagExpression.parse("classification=public")),
          SELECT);
      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();

      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "confidential");

      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void revokingWhatWasNeverGrantedIsRefusedAndChangesNothing(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      assertThatThrownBy(() -> g.revoke(SALES, ANALYST, Resource.table(ORDERS), SELECT))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "marketing:analyst holds no grant on table sales:sales.orders, so there is nothing to"
                  + " revoke");
      assertThatThrownBy(
              () -> g.revoke(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.INSERT)))
          .isInstanceOf(NotFoundException.class)
          .hasMessage(
              "marketing was never granted INSERT on table sales:sales.orders (it holds SELECT)");
      assertThatThrownBy(
              () -> g.revoke(SALES, MARKETING, Resource.database(ORDERS.databaseId()), SELECT))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> g.revoke(PRODUCT, MARKETING, Resource.table(ORDERS), SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the owner sales or the grantor of that grant revokes it");
      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void revokingSomePermissionsKeepsTheOthers(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.grant(
          SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.SELECT, Permission.DESCRIBE));

      assertThat(g.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT))
          .hasValueSatisfying(
              left -> assertThat(left.permissions()).containsExactly(Permission.DESCRIBE));
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.describe(MARKETING, ORDERS).columns()).hasSize(MeshWorld.ORDER_COLUMNS.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aConsumerAdministratorRevokesWhatItReGranted(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS, MeshWorld.ORDER_COLUMNS, Map.of());
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.table(ORDERS), SELECT);
      assertThat(g.checkSelect(ANALYST, ORDERS).allColumns()).isTrue();

      g.revoke(MARKETING, ANALYST, Resource.table(ORDERS), SELECT);

      assertThatThrownBy(() -> g.checkSelect(ANALYST, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.revoke(MARKETING, MARKETING, Resource.table(ORDERS), SELECT))
          .isInstanceOf(AccessDeniedException.class);
    }
  }
}
