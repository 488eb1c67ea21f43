package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.FINANCE_GOV;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.REVENUE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.ConcurrentRuns;
import io.lakemesh.catalog.SupportsAudit;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.AuditQuery;
import io.lakemesh.governance.AuditVerification;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** Which log records what in each topology, the consolidated view, and verification. */
class AuditTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @Test
  void centralRecordsEverythingInTheGovernanceLog() {
    try (MeshWorld world = twoProducers(Topology.CENTRAL)) {
      assertThat(logsWithEvents(world)).containsExactly("governance");
    }
  }

  @Test
  void lobFederatedRecordsEachLobInItsGovernanceLogAndConsolidatesOnDemand() {
    try (MeshWorld world = twoProducers(Topology.LOB_FEDERATED)) {
      assertThat(logsWithEvents(world)).containsExactly("finance-gov", "retail-gov");
      assertThat(world.events("retail-gov"))
          .allMatch(e -> e.resource().contains("sales:") || e.resource().contains("marketing"));
      assertThat(world.events("finance-gov")).allMatch(e -> e.resource().contains("finance:"));

      List<AuditEvent> all = world.governance.audit(FINANCE_GOV, AuditQuery.all());
      assertThat(all).extracting(AuditEvent::log).contains("retail-gov", "finance-gov");
      assertThat(all).extracting(AuditEvent::at).isSorted();
    }
  }

  @Test
  void federatedRecordsEachProducersDataInItsOwnLog() {
    try (MeshWorld world = twoProducers(Topology.FEDERATED)) {
      assertThat(logsWithEvents(world)).containsExactly("finance", "sales");
      assertThat(world.governance.verifyAudit(PRODUCT))
          .extracting(AuditVerification::log)
          .containsExactly("finance", "product", "sales");
      assertThat(world.governance.verifyAudit(PRODUCT)).allMatch(AuditVerification::isIntact);
    }
  }

  @Test
  void eventsNameWhoAsWhichAccountWhatOnWhichResourceBeforeAndAfter() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT, SELECT);
      g.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));

      List<AuditEvent> grants =
          g
              .audit(
                  GOVERNANCE, AuditQuery.all().withResource("sales:sales.orders").withActor(SALES))
              .stream()
              .filter(e -> e.action() == AuditAction.GRANT)
              .toList();
      assertThat(grants).hasSize(2);
      assertThat(grants.get(0).before()).isEqualTo("marketing none");
      assertThat(grants.get(0).after())
          .isEqualTo("marketing SELECT (grantable SELECT) on table sales:sales.orders by sales");
      assertThat(grants.get(1).after()).startsWith("marketing SELECT,DESCRIBE (grantable SELECT)");
      assertThat(grants.get(1).actingAs()).isEqualTo("sales");
      assertThat(grants.get(1).log()).isEqualTo("governance");
    }
  }

  @Test
  void onlyGovernanceAndProducerAdministratorsReadTheLogs() {
    try (MeshWorld world = twoProducers(Topology.CENTRAL)) {
      Governance g = world.governance;
      assertThat(g.audit(SALES, AuditQuery.all())).isNotEmpty();
      assertThat(g.audit(GOVERNANCE, AuditQuery.ofLog("governance").limit(3))).hasSize(3);
      for (Principal reader : List.of(MARKETING, ANALYST, Principal.of("sales", "engineer"))) {
        assertThatThrownBy(() -> g.audit(reader, AuditQuery.all()))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageContaining(
                "only administrators of governance and producer accounts read them");
      }
      assertThat(world.events("governance"))
          .filteredOn(e -> e.action() == AuditAction.AUDIT_READ)
          .hasSize(3);
    }
  }

  @Test
  void anEventEditedBehindLakemeshIsReportedWhereItIs() {
    try (MeshWorld world = twoProducers(Topology.CENTRAL)) {
      Governance g = world.governance;
      assertThat(g.verifyAudit(GOVERNANCE, "governance").isIntact()).isTrue();
      long grantSeq =
          world.events("governance").stream()
              .filter(e -> e.action() == AuditAction.GRANT)
              .findFirst()
              .orElseThrow()
              .seq();

      world.store.rewriteAuditAfter(
          "governance", grantSeq, "marketing ALL on table sales:sales.orders");

      AuditVerification result = g.verifyAudit(GOVERNANCE, "governance");
      assertThat(result.isIntact()).isFalse();
      assertThat(result.brokenAt()).hasValue(grantSeq);
      assertThat(result.verified()).isEqualTo(grantSeq - 1);
      assertThat(result)
          .hasToString(
              "audit log governance: broken at event "
                  + grantSeq
                  + ": its content does not match its hash (the row was altered)");
    }
  }

  @Test
  void concurrentGovernanceActionsKeepOneUnbrokenChain() throws Exception {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      List<Callable<Void>> tasks = new ArrayList<>();
      for (Principal consumer :
          List.of(MARKETING, ANALYST, FINANCE, Principal.of("finance", "analyst"))) {
        tasks.add(
            () -> {
              for (int i = 0; i < 5; i++) {
                g.grant(SALES, consumer, Resource.table(ORDERS), SELECT);
                g.revoke(SALES, consumer, Resource.table(ORDERS), SELECT);
                assertThatThrownBy(() -> g.checkSelect(consumer, ORDERS))
                    .isInstanceOf(AccessDeniedException.class);
              }
              return null;
            });
      }
      ConcurrentRuns.together(tasks);

      assertThat(world.events("governance")).hasSize(1 + 4 * 5 * 3);
      assertThat(g.verifyAudit(GOVERNANCE)).allMatch(AuditVerification::isIntact);
    }
  }

  private MeshWorld twoProducers(Topology topology) {
    MeshWorld world = open(topology);
    Governance g = world.governance;
    world.publish(ORDERS);
    world.publish(REVENUE);
    g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
    g.grant(Principal.administrator("finance"), MARKETING, Resource.table(REVENUE), SELECT);
    return world;
  }

  private static List<String> logsWithEvents(MeshWorld world) {
    return ((SupportsAudit) world.catalog).auditLogs();
  }
}
