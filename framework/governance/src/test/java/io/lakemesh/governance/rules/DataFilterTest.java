package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Data filters: the producer creates them, grants them like a table, and a holder reads exactly the
 * cells they select (Lake Formation's union of cells when it holds more); dropping one ends what
 * was made on it. What a filter may say is {@link DataFilterPredicateTest}'s. Actions go through
 * {@link #service}; the log is read as stored.
 */
class DataFilterTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  static final DataFilter US_ONLY =
      new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of("customer_id"));
  // The same filter as its holders read it: the columns it shows, never the names it hides.
  private static final DataFilter US_ONLY_AS_HELD =
      new DataFilter(
          ORDERS, "us_only", "country = 'US'", List.of("order_id", "amount", "country"), null);
  private static final Resource US_FILTER = Resource.filter(ORDERS, "us_only");

  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aHolderOfTheUsFilterReadsTheUsRowsWithoutCustomerId(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      g.grant(SALES, MARKETING, US_FILTER, SELECT);

      AccessDecision read = g.checkSelect(MARKETING, ORDERS);

      assertThat(read.visibleColumnNames()).containsExactly("order_id", "amount", "country");
      assertThat(read.rowFilter()).contains("(country = 'US')");
      assertThat(read.cellFilter("amount")).isEmpty();
      assertThat(read.allColumns()).isFalse();
      assertThat(read.restricted()).isTrue();
      assertThat(read.unfilteredColumns()).isEmpty();
      assertThat(read.filters()).containsExactly(US_ONLY_AS_HELD);
      assertThat(g.describe(MARKETING, ORDERS).columns())
          .extracting(Column::name)
          .containsExactly("order_id", "amount", "country");
      AuditEvent created = lastOf(world, AuditAction.FILTER_CREATE);
      assertThat(created.actor()).isEqualTo(SALES);
      assertThat(created.resource()).isEqualTo("table sales:sales.orders (data filter us_only)");
      assertThat(created.after())
          .isEqualTo("rows where country = 'US'; all columns except customer_id");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aHolderLinksToTheTableAndReadsThroughItsLink(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      g.grant(SALES, MARKETING, US_FILTER, SELECT);
      TableId link = TableId.of("marketing", "sales_link", "orders");

      g.createLink(MARKETING, new ResourceLink.TableLink(link, ORDERS));
      AccessDecision read = g.checkSelect(MARKETING, link);

      assertThat(read.target()).isEqualTo(ORDERS);
      assertThat(read.visibleColumnNames()).containsExactly("order_id", "amount", "country");
      assertThat(read.rowFilter()).contains("(country = 'US')");
      assertThat(g.filters(MARKETING, link)).containsExactly(US_ONLY_AS_HELD);
    }
  }

  @Test
  void cellsAreTheUnionOfEveryGrant() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      GovernanceService g = withUsFilter(world);
      g.createFilter(
          SALES,
          new DataFilter(ORDERS, "c1", "customer_id LIKE 'C-1%'", List.of("customer_id"), null));
      g.grant(SALES, MARKETING, US_FILTER, SELECT);
      g.grant(SALES, MARKETING, Resource.filter(ORDERS, "c1"), SELECT);
      g.grant(SALES, MARKETING, Resource.columns(ORDERS, List.of("order_id")), SELECT);

      AccessDecision read = g.checkSelect(MARKETING, ORDERS);

      // order_id on every row (the column grant): so every row is shown; the rest per filter.
      assertThat(read.visibleColumnNames())
          .containsExactly("order_id", "customer_id", "amount", "country");
      assertThat(read.rowFilter()).isEmpty();
      assertThat(read.cellFilter("order_id")).isEmpty();
      assertThat(read.cellFilter("customer_id")).contains("(customer_id LIKE 'C-1%')");
      assertThat(read.cellFilter("country")).contains("(country = 'US')");
      assertThat(read.restricted()).isTrue();

      // A table grant shows every cell: the filters then restrict nothing.
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      AccessDecision whole = g.checkSelect(MARKETING, ORDERS);
      assertThat(whole.restricted()).isFalse();
      assertThat(whole.rowFilter()).isEmpty();
      assertThat(whole.filters()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void onlyTheProducerOrTheGovernanceHoldingItsEntriesCreatesFilters(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      String log = world.mesh.auditLogOf("sales");

      for (var other : List.of(MARKETING, PRODUCT, ANALYST)) {
        long before = world.lastSeq(log);
        assertThatThrownBy(() -> g.createFilter(other, US_ONLY))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining(other + " may not CREATE table sales:sales.orders (data filter")
            .hasMessageContaining("only the producer sales");
        assertThat(world.eventsAfter(log, before))
            .anySatisfy(e -> assertThat(e.refused() && e.actor().equals(other)).isTrue());
      }
      if (topology == Topology.FEDERATED) {
        assertThatThrownBy(() -> g.createFilter(world.governor(), US_ONLY))
            .isInstanceOf(AccessDeniedException.class);
        assertThat(g.filters(SALES, ORDERS)).isEmpty();
      } else {
        g.createFilter(world.governor(), US_ONLY);
        assertThat(g.filters(SALES, ORDERS)).containsExactly(US_ONLY);
        assertThat(lastOf(world, AuditAction.FILTER_CREATE).actingAs()).isEqualTo("sales");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aHolderListsTheFilterItHoldsAndNothingElse(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      DataFilter big = new DataFilter(ORDERS, "big", "amount > 100", null, null);
      g.createFilter(SALES, US_ONLY);
      g.createFilter(SALES, big);
      g.grant(SALES, MARKETING, US_FILTER, SELECT);

      assertThat(g.filters(SALES, ORDERS)).containsExactly(big, US_ONLY);
      assertThat(g.filters(MARKETING, ORDERS)).containsExactly(US_ONLY_AS_HELD);
      assertThat(g.filters(ANALYST, ORDERS)).isEmpty();
      assertThat(g.filters(PRODUCT, ORDERS)).isEmpty();
      if (topology != Topology.FEDERATED) {
        assertThat(g.filters(world.governor(), ORDERS)).containsExactly(big, US_ONLY);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aConsumerAdministratorRegrantsAFilterInsideItsAccountOnly(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      g.grant(SALES, MARKETING, US_FILTER, SELECT, SELECT);

      g.grant(MARKETING, ANALYST, US_FILTER, SELECT);

      assertThat(g.checkSelect(ANALYST, ORDERS).rowFilter()).contains("(country = 'US')");
      assertThatThrownBy(() -> g.grant(MARKETING, FINANCE, US_FILTER, SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("inside its own account");
      assertThatThrownBy(() -> g.grant(SALES, MARKETING, US_FILTER, Set.of(Permission.DESCRIBE)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("data filters take SELECT only");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void droppingAFilterEndsItsGrantsRegrantsAndRequests(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      g.grant(SALES, MARKETING, US_FILTER, SELECT, SELECT);
      g.grant(MARKETING, ANALYST, US_FILTER, SELECT);
      long pending = g.requestAccess(FINANCE, US_FILTER, SELECT).id();

      assertThatThrownBy(() -> g.dropFilter(MARKETING, ORDERS, "us_only"))
          .isInstanceOf(AccessDeniedException.class);
      g.dropFilter(SALES, ORDERS, "us_only");

      for (var reader : List.of(MARKETING, ANALYST)) {
        assertThatThrownBy(() -> g.checkSelect(reader, ORDERS))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining("missing SELECT");
      }
      assertThat(g.grants(MARKETING)).isEmpty();
      AccessRequest denied =
          g.requests(FINANCE).stream().filter(r -> r.id() == pending).findFirst().orElseThrow();
      assertThat(denied.state()).isEqualTo(AccessRequest.State.DENIED);
      assertThat(denied.reason()).isEqualTo("data filter us_only of sales:sales.orders dropped");
      assertThat(g.filters(SALES, ORDERS)).isEmpty();
      List<AuditEvent> revokes =
          world.events(world.mesh.auditLogOf("sales")).stream()
              .filter(e -> e.action() == AuditAction.REVOKE && !e.refused())
              .toList();
      assertThat(revokes)
          .extracting(AuditEvent::after)
          .containsExactlyInAnyOrder(
              "marketing none; cascade of data filter us_only of sales:sales.orders dropped",
              "marketing:analyst none; cascade of data filter us_only of sales:sales.orders"
                  + " dropped");
      assertThat(lastOf(world, AuditAction.FILTER_DROP).before())
          .isEqualTo("rows where country = 'US'; all columns except customer_id");
      assertThatThrownBy(() -> g.dropFilter(SALES, ORDERS, "us_only"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("has no data filter us_only");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRequestForTheTableIsApprovedThroughAFilterInstead(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      long id = g.requestAccess(FINANCE, Resource.table(ORDERS), SELECT).id();

      assertThatThrownBy(() -> g.approveWithFilter(MARKETING, id, "us_only"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.approveWithFilter(SALES, id, "nope"))
          .isInstanceOf(NotFoundException.class);
      AccessRequest approved = g.approveWithFilter(SALES, id, "us_only");

      assertThat(approved.state()).isEqualTo(AccessRequest.State.ACTIVE);
      assertThat(approved.granted()).isEqualTo(US_FILTER);
      assertThat(approved.grantedPermissions()).containsExactly(Permission.SELECT);
      TableId link = TableId.of("finance", "sales_link", "orders");
      AccessDecision read = g.checkSelect(FINANCE, link);
      assertThat(read.visibleColumnNames()).containsExactly("order_id", "amount", "country");
      assertThat(read.rowFilter()).contains("(country = 'US')");

      g.revokeSubscription(SALES, id);
      assertThatThrownBy(() -> g.checkSelect(FINANCE, link))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRequestForAFilterIsApprovedAsAskedAndEndsWithTheFilter(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = withUsFilter(world);
      long id = g.requestAccess(FINANCE, US_FILTER, SELECT).id();

      assertThatThrownBy(() -> g.approve(SALES, id, null, List.of("order_id")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("approve it as asked or deny it");
      g.approve(SALES, id);
      assertThat(g.checkSelect(FINANCE, TableId.of("finance", "sales_link", "orders")).rowFilter())
          .contains("(country = 'US')");

      g.dropFilter(SALES, ORDERS, "us_only");

      Optional<AccessRequest> ended =
          g.requests(FINANCE).stream().filter(r -> r.id() == id).findFirst();
      assertThat(ended.orElseThrow().state()).isEqualTo(AccessRequest.State.REVOKED);
      assertThatThrownBy(() -> g.checkSelect(FINANCE, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void aColumnsRequestIsApprovedOnlyThroughAFilterShowingAskedColumns() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      GovernanceService g = withUsFilter(world);
      g.createFilter(
          SALES, new DataFilter(ORDERS, "ids", "amount > 0", List.of("order_id", "amount"), null));
      long id =
          g.requestAccess(FINANCE, Resource.columns(ORDERS, List.of("order_id", "amount")), SELECT)
              .id();

      assertThatThrownBy(() -> g.approveWithFilter(SALES, id, "us_only"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("did not ask for column country");
      assertThat(g.approveWithFilter(SALES, id, "ids").granted())
          .isEqualTo(Resource.filter(ORDERS, "ids"));
    }
  }

  /** The rules over a world where sales published its orders and created the filter us_only. */
  private GovernanceService withUsFilter(MeshWorld world) {
    GovernanceService g = service(world);
    world.publish(ORDERS);
    g.createFilter(SALES, US_ONLY);
    return g;
  }

  private static AuditEvent lastOf(MeshWorld world, AuditAction action) {
    List<AuditEvent> events =
        world.events(world.mesh.auditLogOf("sales")).stream()
            .filter(e -> e.action() == action && !e.refused())
            .toList();
    assertThat(events).as("allowed " + action + " events").isNotEmpty();
    return events.get(events.size() - 1);
  }
}
