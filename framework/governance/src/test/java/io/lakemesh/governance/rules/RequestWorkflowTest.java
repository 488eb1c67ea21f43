package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessRequest.State;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.MeshFixtures;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Requests: the state machine, decisions, and what approval carries out in each topology. */
class RequestWorkflowTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final Set<Permission> SELECT_DESCRIBE =
      Set.of(Permission.SELECT, Permission.DESCRIBE);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void approvalGrantsInTheHoldingCatalogAndLinksTheConsumer(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT_DESCRIBE);
      assertThat(asked.state()).isEqualTo(State.PENDING);

      AccessRequest active = g.approve(SALES, asked.id());

      assertThat(active.state()).isEqualTo(State.ACTIVE);
      assertThat(active.decidedBy()).isEqualTo(SALES);
      Grant grant = g.grants(MARKETING).get(0);
      assertThat(grant.catalog()).isEqualTo(world.mesh.holderOf("sales"));
      assertThat(grant.permissions()).containsExactlyInAnyOrderElementsOf(SELECT_DESCRIBE);
      assertThat(grant.authorisationRef())
          .hasValueSatisfying(a -> assertThat(a).hasToString("request:" + asked.id()));
      assertThat(g.links(MARKETING))
          .extracting(LinkStatus::link)
          .containsExactly(ResourceLink.defaultTableLink("marketing", ORDERS));
      assertThat(
              g.checkSelect(MARKETING, TableId.of("marketing", "sales_link", "orders"))
                  .allColumns())
          .isTrue();
    }
  }

  @Test
  void aDatabaseRequestGivesADatabaseLinkAndEveryTableThroughIt() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(MeshWorld.RETURNS);
      AccessRequest asked =
          g.requestAccess(FINANCE, Resource.database(ORDERS.databaseId()), SELECT);
      g.approve(SALES, asked.id());

      assertThat(g.links(FINANCE))
          .extracting(LinkStatus::link)
          .containsExactly(ResourceLink.defaultDatabaseLink("finance", ORDERS.databaseId()));
      assertThat(g.databases(FINANCE)).containsExactly("sales_link");
      assertThat(g.tables(FINANCE, "sales_link")).containsExactly("orders", "returns");
      assertThat(g.checkSelect(FINANCE, TableId.of("finance", "sales_link", "returns")).target())
          .isEqualTo(MeshWorld.RETURNS);
    }
  }

  @Test
  void theProducerMayApproveLessThanAsked() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT_DESCRIBE);

      AccessRequest active = g.approve(SALES, asked.id(), null, List.of("order_id", "amount"));

      assertThat(active.grantedPermissions()).containsExactly(Permission.SELECT);
      assertThat(active.granted())
          .isEqualTo(Resource.columns(ORDERS, List.of("order_id", "amount")));
      assertThat(g.checkSelect(MARKETING, ORDERS).visibleColumnNames())
          .containsExactly("order_id", "amount");
    }
  }

  @Test
  void approvingMoreOrOtherThanAskedIsRefused() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      AccessRequest table =
          g.requestAccess(MARKETING, Resource.columns(ORDERS, List.of("amount")), SELECT);
      AccessRequest db = g.requestAccess(FINANCE, Resource.database(ORDERS.databaseId()), SELECT);

      assertThatThrownBy(() -> g.approve(SALES, table.id(), SELECT_DESCRIBE, null))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("asked for SELECT; approving SELECT,DESCRIBE would grant more");
      assertThatThrownBy(() -> g.approve(SALES, table.id(), null, List.of("amount", "customer_id")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("did not ask for column customer_id");
      assertThatThrownBy(() -> g.approve(SALES, table.id(), null, List.of("amount", "nope")))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> g.approve(SALES, db.id(), null, List.of("amount")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("columns can be approved on a table only");
      assertThat(g.requests(SALES)).extracting(AccessRequest::state).containsOnly(State.PENDING);
      assertThat(g.grants(SALES)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theStateMachineRunsItsWholeCourse(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      AccessRequest denied = g.deny(SALES, asked.id(), "no PII outside sales");
      assertThat(denied.state()).isEqualTo(State.DENIED);
      assertThat(denied.reason()).isEqualTo("no PII outside sales");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);

      AccessRequest active = g.approve(SALES, asked.id());
      assertThat(active.state()).isEqualTo(State.ACTIVE);
      assertThat(active.reason()).isEmpty();
      AccessRequest revoked = g.revokeSubscription(SALES, asked.id());
      assertThat(revoked.state()).isEqualTo(State.REVOKED);

      AccessRequest again = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT_DESCRIBE);
      assertThat(again.id()).isEqualTo(asked.id());
      assertThat(again.state()).isEqualTo(State.PENDING);
      assertThat(again.permissions()).containsExactlyInAnyOrderElementsOf(SELECT_DESCRIBE);
      assertThat(g.approve(SALES, again.id()).state()).isEqualTo(State.ACTIVE);
    }
  }

  @Test
  void illegalMovesAreRefusedWithTheMovesThatAreAllowed() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      assertThatThrownBy(() -> g.revokeSubscription(SALES, asked.id()))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(
              "request "
                  + asked.id()
                  + " is PENDING and cannot become REVOKED (from PENDING it may only become ACTIVE"
                  + " or DENIED)");
      g.deny(SALES, asked.id(), "not now");
      assertThatThrownBy(() -> g.deny(SALES, asked.id(), "still not"))
          .hasMessageContaining("is DENIED and cannot become DENIED");
      g.approve(SALES, asked.id());
      assertThatThrownBy(() -> g.approve(SALES, asked.id()))
          .hasMessageContaining("is ACTIVE and cannot become ACTIVE");
      assertThatThrownBy(() -> g.deny(SALES, asked.id(), "late"))
          .hasMessageContaining("is ACTIVE and cannot become DENIED");
      assertThatThrownBy(() -> g.deny(SALES, asked.id(), " "))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> g.approve(SALES, 999))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("no access request 999");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRequestForAnActiveOrPendingSubscriptionIsRefused(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      assertThatThrownBy(
              () -> g.requestAccess(MARKETING, Resource.columns(ORDERS, List.of("amount")), SELECT))
          .isInstanceOf(AlreadyExistsException.class)
          .hasMessage(
              "marketing already has a PENDING request for table sales:sales.orders (request "
                  + asked.id()
                  + ")");
      g.approve(SALES, asked.id());
      assertThatThrownBy(() -> g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT_DESCRIBE))
          .isInstanceOf(AlreadyExistsException.class)
          .hasMessage(
              "marketing already has an ACTIVE subscription to table sales:sales.orders (request "
                  + asked.id()
                  + ")");
      // Another principal of the same account subscribes on its own.
      assertThat(g.requestAccess(ANALYST, Resource.table(ORDERS), SELECT).state())
          .isEqualTo(State.PENDING);
      assertThat(g.requests(MARKETING)).hasSize(2);
      assertThat(g.requests(ANALYST)).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void onlyTheOwningProducerDecides(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      world.publish(INVENTORY);
      AccessRequest forSales = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      AccessRequest forProduct = g.requestAccess(MARKETING, Resource.table(INVENTORY), SELECT);

      assertThatThrownBy(() -> g.approve(PRODUCT, forSales.id()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: product may not APPROVE request "
                  + forSales.id()
                  + " on table sales:sales.orders: only the owning producer sales decides on"
                  + " requests for its data");
      assertThatThrownBy(() -> g.approve(world.governor(), forSales.id()))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.deny(MARKETING, forSales.id(), "mine"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.approve(SALES, forProduct.id()))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.approve(PRODUCT, forProduct.id()).state()).isEqualTo(State.ACTIVE);
      assertThat(g.pendingRequests(SALES)).containsExactly(forSales);
      assertThat(g.pendingRequests(PRODUCT)).isEmpty();
    }
  }

  @Test
  void theGovernanceAccountSeesTheRequestsOfTheProductsItHolds() {
    try (MeshWorld world = published(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;
      world.publish(MeshWorld.REVENUE);
      AccessRequest a = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      AccessRequest b = g.requestAccess(MARKETING, Resource.table(MeshWorld.REVENUE), SELECT);

      assertThat(g.requests(MeshFixtures.RETAIL_GOV)).containsExactly(a);
      assertThat(g.requests(MeshFixtures.FINANCE_GOV)).containsExactly(b);
      assertThat(g.requests(FINANCE)).containsExactly(b);
      assertThat(g.requests(ANALYST)).isEmpty();
    }
  }

  @Test
  void requestsForWhatDoesNotExistOrIsOwnedAlreadyAreRefused() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      assertThatThrownBy(
              () ->
                  g.requestAccess(
                      MARKETING, Resource.table(TableId.of("sales", "sales", "nope")), SELECT))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(
              () ->
                  g.requestAccess(
                      MARKETING, Resource.database(DatabaseId.of("sales", "nope")), SELECT))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(
              () -> g.requestAccess(MARKETING, Resource.columns(ORDERS, List.of("nope")), SELECT))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(
              () ->
                  g.requestAccess(
                      MARKETING,
                      Resource.columns(ORDERS, List.of("amount")),
                      Set.of(Permission.INSERT)))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(
              () -> g.requestAccess(MeshFixtures.SALES_ENGINEER, Resource.table(ORDERS), SELECT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("in account sales, which owns");
      assertThatThrownBy(() -> g.requestAccess(MeshWorld.NOBODY, Resource.table(ORDERS), SELECT))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(((SupportsAccessRequests) world.catalog).requestsFor("sales")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void subscribersGetTheirLinksBackWhenTheProducerEnsuresThem(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      g.approve(
          SALES, g.requestAccess(FINANCE, Resource.database(ORDERS.databaseId()), SELECT).id());
      g.dropLink(MARKETING, ResourceLink.defaultTableLink("marketing", ORDERS));
      assertThat(g.links(MARKETING)).isEmpty();

      List<ResourceLink> created = g.ensureSubscriberLinks(SALES, ORDERS);

      assertThat(created).containsExactly(ResourceLink.defaultTableLink("marketing", ORDERS));
      assertThat(g.ensureSubscriberLinks(SALES, ORDERS)).isEmpty();
      assertThatThrownBy(() -> g.ensureSubscriberLinks(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void declaredSubscribersGetLinksOnlyOnceTheyHoldAccess(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      List<String> declared = List.of("marketing", "finance");

      SubscriberLinks before = g.ensureSubscriberLinks(SALES, ORDERS, declared);
      assertThat(before.created()).isEmpty();
      assertThat(before.waiting()).containsExactly("marketing", "finance");
      assertThat(g.links(MARKETING)).isEmpty();

      g.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);
      SubscriberLinks after = g.ensureSubscriberLinks(SALES, ORDERS, declared);
      assertThat(after.created()).containsExactly(ResourceLink.defaultTableLink("finance", ORDERS));
      assertThat(after.waiting()).containsExactly("marketing");
      assertThat(g.ensureSubscriberLinks(SALES, ORDERS, declared).created()).isEmpty();
      assertThat(
              g.checkSelect(FINANCE, ResourceLink.defaultTableLink("finance", ORDERS).link())
                  .target())
          .isEqualTo(ORDERS);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void anUnknownDeclaredSubscriberIsRefusedAndNothingIsLinked(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      g.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);

      assertThatThrownBy(() -> g.ensureSubscriberLinks(SALES, ORDERS, List.of("finance", "nobody")))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("unknown account 'nobody'");
      assertThat(g.links(FINANCE)).isEmpty();
    }
  }

  private MeshWorld published(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS);
    return world;
  }
}
