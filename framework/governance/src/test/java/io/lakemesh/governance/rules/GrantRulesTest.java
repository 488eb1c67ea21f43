package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.FINANCE_ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE_GOV;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.RETAIL_GOV;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.MeshFixtures.SALES_ENGINEER;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.SupportsGrants;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.LakemeshException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Authorisation;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rules 2, 3 and 5 of DESIGN.md, and the grant option. */
class GrantRulesTest extends RuleSuite {
  private static final Resource TABLE = Resource.table(ORDERS);
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "LOB_FEDERATED"})
  void aGovernanceAccountGrantingOnItsOwnIsRefusedAndAudited(Topology topology) {
    try (MeshWorld world = published(topology)) {
      assertThatThrownBy(() -> world.governance.grant(world.governor(), MARKETING, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith(
              "access denied: "
                  + world.governor()
                  + " may not GRANT SELECT to marketing on table"
                  + " sales:sales.orders: a governance account never grants on its own")
          .satisfies(e -> assertThat(((AccessDeniedException) e).kind().exitCode()).isEqualTo(4));

      assertThat(world.governance.grants(SALES)).isEmpty();
      AuditEvent refusal = last(world, world.mesh.auditLogOf("sales"));
      assertThat(refusal.action()).isEqualTo(AuditAction.GRANT);
      assertThat(refusal.refused()).isTrue();
      assertThat(refusal.actor()).isEqualTo(world.governor());
      assertThat(refusal.resource()).isEqualTo("table sales:sales.orders");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "LOB_FEDERATED"})
  void aGovernanceAccountCarriesOutAnApprovedRequest(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      AccessRequest asked =
          g.requestAccess(MARKETING, TABLE, Set.of(Permission.SELECT, Permission.DESCRIBE));
      g.approve(SALES, asked.id(), SELECT, null);
      g.revoke(SALES, MARKETING, TABLE, SELECT);
      // The subscription lapsed with the revoke; an ACTIVE one is needed.
      assertThatThrownBy(() -> g.grant(world.governor(), MARKETING, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class);

      AccessRequest again = g.requestAccess(MARKETING, TABLE, SELECT);
      g.approve(SALES, again.id());
      Grant carried = g.grant(world.governor(), MARKETING, TABLE, SELECT);
      assertThat(carried.authorisationRef()).contains(Authorisation.request(again.id()));
      assertThat(carried.grantor()).isEqualTo(world.governor());
      assertThat(carried.catalog()).isEqualTo(world.mesh.holderOf("sales"));
      // Beyond what was approved, the request authorises nothing.
      assertThatThrownBy(
              () -> g.grant(world.governor(), MARKETING, TABLE, Set.of(Permission.DESCRIBE)))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.grant(world.governor(), ANALYST, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class);
      AuditEvent grant = last(world, world.mesh.auditLogOf("sales"));
      assertThat(grant.refused()).isTrue();
      assertThat(world.events(world.mesh.auditLogOf("sales")))
          .filteredOn(
              e ->
                  e.action() == AuditAction.GRANT
                      && !e.refused()
                      && e.actor().equals(world.governor()))
          .singleElement()
          .satisfies(e -> assertThat(e.actingAs()).isEqualTo("sales"))
          .satisfies(e -> assertThat(e.after()).contains("[request:" + again.id() + "]"));
    }
  }

  @Test
  void aGovernanceAccountCarriesOutAnExplicitProducerGrantItReferences() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      Grant delegation = g.grant(SALES, GOVERNANCE, TABLE, SELECT, SELECT);

      Grant carried =
          g.grant(
              GOVERNANCE, FINANCE, TABLE, SELECT, Set.of(), Authorisation.grant(delegation.id()));
      assertThat(carried.authorisationRef()).contains(Authorisation.grant(delegation.id()));
      assertThat(g.checkSelect(FINANCE, ORDERS).allColumns()).isTrue();

      // A reference that does not cover the grant is refused, even when another would.
      Grant other = g.grant(SALES, MARKETING, TABLE, SELECT);
      assertThatThrownBy(
              () ->
                  g.grant(
                      GOVERNANCE,
                      ANALYST,
                      TABLE,
                      SELECT,
                      Set.of(),
                      Authorisation.grant(other.id())))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(
              "grant:" + other.id() + " is not an authorisation from sales that covers this grant");
      assertThatThrownBy(() -> g.grant(GOVERNANCE, ANALYST, TABLE, Set.of(Permission.INSERT)))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void theGovernanceAccountOfAnotherLobHasNoSayOverSalesData() {
    try (MeshWorld world = published(Topology.LOB_FEDERATED)) {
      Governance g = world.governance;
      g.grant(SALES, RETAIL_GOV, TABLE, SELECT, SELECT);
      assertThatThrownBy(() -> g.grant(FINANCE_GOV, FINANCE, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("missing SELECT with grant option");
      assertThat(g.grant(RETAIL_GOV, FINANCE, TABLE, SELECT).catalog()).isEqualTo("retail-gov");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void grantingWithoutTheGrantOptionIsRefusedAndAudited(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      g.grant(SALES, MARKETING, TABLE, SELECT);
      for (var actor : List.of(PRODUCT, MARKETING, ANALYST, FINANCE, SALES_ENGINEER)) {
        long before = world.lastSeq(world.mesh.auditLogOf("sales"));
        assertThatThrownBy(() -> g.grant(actor, ANALYST, TABLE, SELECT))
            .as(actor.toString())
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining(
                "access denied: "
                    + actor
                    + " may not GRANT SELECT to marketing:analyst on table sales:sales.orders");
        assertThat(world.eventsAfter(world.mesh.auditLogOf("sales"), before))
            .singleElement()
            .satisfies(e -> assertThat(e.refused()).isTrue());
      }
      assertThatThrownBy(() -> g.grant(MARKETING, ANALYST, TABLE, SELECT))
          .hasMessageEndingWith("missing SELECT with grant option");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void consumerAdministratorsRegrantOnlyInsideTheirAccountAndOnlyWhatTheyHold(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      g.grant(SALES, MARKETING, TABLE, Set.of(Permission.SELECT, Permission.DESCRIBE), SELECT);

      Grant regrant = g.grant(MARKETING, ANALYST, TABLE, SELECT);
      assertThat(regrant.grantor()).isEqualTo(MARKETING);
      assertThat(g.checkSelect(ANALYST, ORDERS).allColumns()).isTrue();
      // Fewer columns than held is less, so it may be passed on.
      g.grant(MARKETING, ANALYST, Resource.columns(ORDERS, List.of("amount")), SELECT);

      assertThatThrownBy(() -> g.grant(MARKETING, FINANCE, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(
              "re-grants only to principals inside its own account marketing, and finance is not"
                  + " one");
      assertThatThrownBy(() -> g.grant(MARKETING, FINANCE_ANALYST, TABLE, SELECT))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.grant(MARKETING, ANALYST, TABLE, Set.of(Permission.DESCRIBE)))
          .hasMessageContaining("missing DESCRIBE with grant option");
      // As in Lake Formation, who holds the grant option may pass it on (inside its account).
      assertThat(g.grant(MARKETING, ANALYST, TABLE, SELECT, SELECT).grantable())
          .containsExactly(Permission.SELECT);
      assertThatThrownBy(
              () -> g.grant(MARKETING, ANALYST, Resource.database(ORDERS.databaseId()), SELECT))
          .isInstanceOf(AccessDeniedException.class);
      // A principal holding the grant option does not pass it on: only administrators re-grant.
      assertThatThrownBy(() -> g.grant(ANALYST, MARKETING, TABLE, SELECT))
          .hasMessageContaining(
              "only the administrator of account marketing passes on what it holds");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void publishingGrantsNothing(Topology topology) {
    try (MeshWorld world = published(topology)) {
      Governance g = world.governance;
      assertThat(g.grants(SALES)).isEmpty();
      assertThat(((SupportsGrants) world.catalog).grantsOn("sales")).isEmpty();
      assertThat(g.checkSelect(SALES, ORDERS).allColumns()).isTrue();
      for (var reader :
          List.of(MARKETING, ANALYST, PRODUCT, FINANCE, SALES_ENGINEER, world.governor())) {
        if (!reader.equals(SALES)) {
          assertThatThrownBy(() -> g.checkSelect(reader, ORDERS))
              .as(reader.toString())
              .isInstanceOf(AccessDeniedException.class);
        }
      }
      assertThat(world.events(world.mesh.auditLogOf("sales")))
          .filteredOn(e -> !e.refused())
          .extracting(AuditEvent::action)
          .containsExactly(AuditAction.PUBLISH);
    }
  }

  @Test
  void theOwnerGrantsToAnyKnownPrincipalButNotToItself() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      Governance g = world.governance;
      assertThat(g.grant(SALES, SALES_ENGINEER, TABLE, Set.of(Permission.ALL)).permissions())
          .containsExactly(Permission.ALL);
      assertThatThrownBy(() -> g.grant(SALES, SALES, TABLE, SELECT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage("sales owns table sales:sales.orders already");
      assertThatThrownBy(() -> g.grant(SALES, Principal.of("marketing", "ghost"), TABLE, SELECT))
          .satisfies(e -> assertThat(((LakemeshException) e).kind()).isEqualTo(ErrorKind.NOT_FOUND))
          .hasMessageContaining("unknown principal 'marketing:ghost'");
    }
  }

  private MeshWorld published(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS);
    return world;
  }

  private static AuditEvent last(MeshWorld world, String log) {
    List<AuditEvent> events = world.events(log);
    return events.get(events.size() - 1);
  }
}
