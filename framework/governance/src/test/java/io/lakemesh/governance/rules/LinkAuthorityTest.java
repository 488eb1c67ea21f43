package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.FINANCE_ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.SupportsAccessRequests;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A link's holder cannot authorise others on data it does not own: permissions on a resource link
 * stay inside the link's account, and only the target's owner shares it across accounts. And every
 * refusal of a grant, request, decision or link action is on record, whatever its kind.
 */
class LinkAuthorityTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final TableId FINANCE_LINK = TableId.of("finance", "sales_link", "orders");
  private static final DatabaseId FINANCE_DB_LINK = DatabaseId.of("finance", "sales_db");

  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aLinksHolderNeitherGrantsNorDecidesOnItAcrossAccounts(Topology topology) {
    try (MeshWorld world = financeLinksToOrders(topology)) {
      GovernanceService g = service(world);
      String log = world.mesh.auditLogOf("finance");
      String refusal =
          "finance:sales_link.orders is a resource link of account finance; permissions on a"
              + " link stay inside its account, and only the owner sales shares table"
              + " sales:sales.orders with account marketing (ask sales for access to table"
              + " sales:sales.orders)";

      long before = world.lastSeq(log);
      assertThatThrownBy(() -> g.grant(FINANCE, MARKETING, Resource.table(FINANCE_LINK), SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: finance may not GRANT SELECT to marketing on table"
                  + " finance:sales_link.orders: "
                  + refusal);
      assertThatThrownBy(
              () -> g.grant(FINANCE, MARKETING, Resource.database(FINANCE_DB_LINK), SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the owner sales shares database sales:sales");
      assertThatThrownBy(() -> g.requestAccess(MARKETING, Resource.table(FINANCE_LINK), SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not REQUEST access to table"
                  + " finance:sales_link.orders: "
                  + refusal);
      // A request stored before this rule held is refused when its holder approves it.
      AccessRequest stale =
          ((SupportsAccessRequests) world.catalog)
              .createRequest(
                  AccessRequest.pending(
                      MARKETING, Resource.table(FINANCE_LINK), SELECT, Instant.now()));
      assertThatThrownBy(() -> g.approve(FINANCE, stale.id()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the owner sales shares table sales:sales.orders");

      assertThat(world.eventsAfter(log, before))
          .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome())
          .containsExactly(
              "GRANT finance REFUSED",
              "GRANT finance REFUSED",
              "REQUEST marketing REFUSED",
              "APPROVE finance REFUSED");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, FINANCE_LINK))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.grants(MARKETING)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void insideItsAccountALinkIsGrantedAndGivesOnlyWhatTheTargetGives(Topology topology) {
    try (MeshWorld world = financeLinksToOrders(topology)) {
      GovernanceService g = service(world);
      g.grant(FINANCE, FINANCE_ANALYST, Resource.table(FINANCE_LINK), SELECT);
      g.grant(SALES, FINANCE_ANALYST, Resource.table(ORDERS), SELECT);
      assertThat(g.checkSelect(FINANCE_ANALYST, FINANCE_LINK).allColumns()).isTrue();

      // A link whose target is no longer readable gives nothing.
      g.revoke(SALES, FINANCE_ANALYST, Resource.table(ORDERS), SELECT);

      assertThatThrownBy(() -> g.checkSelect(FINANCE_ANALYST, FINANCE_LINK))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("table sales:sales.orders (through finance:sales_link.orders)");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void everyRefusalIsOnRecordWhateverItsKind(Topology topology) {
    try (MeshWorld world = financeLinksToOrders(topology)) {
      GovernanceService g = service(world);
      String sales = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(sales);

      BadInputTest.expect(
          ErrorKind.USER,
          "INSERT cannot be granted on columns",
          () ->
              g.grant(
                  SALES,
                  MARKETING,
                  Resource.columns(ORDERS, List.of("amount")),
                  Set.of(Permission.INSERT)));
      BadInputTest.expect(
          ErrorKind.USER,
          "name the permissions to revoke",
          () -> g.revoke(SALES, MARKETING, Resource.table(ORDERS), Set.of()));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "has no column nope",
          () -> g.requestAccess(MARKETING, Resource.columns(ORDERS, List.of("nope")), SELECT));
      BadInputTest.expect(
          ErrorKind.USER,
          "already exists in catalog finance",
          () -> g.createLink(FINANCE, new ResourceLink.TableLink(FINANCE_LINK, ORDERS)));

      assertThat(world.eventsAfter(sales, before))
          .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome())
          .containsExactly(
              "GRANT sales REFUSED",
              "REVOKE sales REFUSED",
              "REQUEST marketing REFUSED",
              "LINK_CREATE finance REFUSED");
      assertThat(world.eventsAfter(sales, before).get(0).reason())
          .isEqualTo(
              "INSERT cannot be granted on columns; column grants take SELECT only, as in Lake"
                  + " Formation");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"LOB_FEDERATED", "FEDERATED"})
  void aRefusedReadIsOnRecordWhateverItsKind(Topology topology) {
    try (MeshWorld world = financeLinksToOrders(topology)) {
      GovernanceService g = service(world);
      // Finance's own log differs from sales's in these topologies.
      String sales = world.mesh.auditLogOf("sales");
      String finance = world.mesh.auditLogOf("finance");
      TableId throughDatabaseLink = TableId.of("finance", "sales_db", "nope");
      long salesBefore = world.lastSeq(sales);
      long financeBefore = world.lastSeq(finance);

      // Names that are not in the catalog: recorded in the reader's own account's log only, so
      // that made-up names cannot fill the producer's log.
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "table not found: sales:sales.nope",
          () -> g.checkSelect(FINANCE, TableId.of("sales", "sales", "nope")));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "points at sales:sales.nope, which is not in the catalog",
          () -> g.describe(FINANCE, throughDatabaseLink));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND, "database not found: finance:nope", () -> g.tables(FINANCE, "nope"));
      // A stored link whose table is gone: recorded in the table's producer's log.
      world.store.dropTableOutside(ORDERS);
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "dangling link: table link finance:sales_link.orders -> sales:sales.orders",
          () -> g.checkSelect(FINANCE, FINANCE_LINK));

      assertThat(world.eventsAfter(finance, financeBefore))
          .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome() + " " + e.resource())
          .containsExactly(
              "SELECT finance REFUSED table sales:sales.nope",
              "DESCRIBE finance REFUSED table sales:sales.nope",
              "DESCRIBE finance REFUSED database finance:nope");
      assertThat(world.eventsAfter(sales, salesBefore))
          .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome() + " " + e.resource())
          .containsExactly("SELECT finance REFUSED table sales:sales.orders");
      assertThat(world.eventsAfter(sales, salesBefore).get(0).reason())
          .isEqualTo(
              "dangling link: table link finance:sales_link.orders -> sales:sales.orders points"
                  + " at sales:sales.orders, which is not in the catalog (dropped, or never"
                  + " published)");
    }
  }

  private MeshWorld financeLinksToOrders(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS);
    Governance g = world.governance;
    g.grant(SALES, FINANCE, Resource.table(ORDERS), SELECT);
    g.createLink(FINANCE, new ResourceLink.TableLink(FINANCE_LINK, ORDERS));
    g.grant(SALES, FINANCE, Resource.database(ORDERS.databaseId()), Set.of(Permission.DESCRIBE));
    g.createLink(FINANCE, new ResourceLink.DatabaseLink(FINANCE_DB_LINK, ORDERS.databaseId()));
    return world;
  }
}
