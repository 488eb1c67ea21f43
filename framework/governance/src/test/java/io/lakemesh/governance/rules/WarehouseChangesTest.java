package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Changes to an account's own Iceberg tables made outside publishing (an engine through the catalog
 * server's Iceberg REST catalog): the producer's administrator changes its tables, never a
 * published product's, and nobody else changes them; every refusal is in the producer's log.
 */
class WarehouseChangesTest extends RuleSuite {
  private static final TableId STAGING = TableId.of("sales", "staging", "events");

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "FEDERATED"})
  void theProducerChangesItsOwnTablesButNotAPublishedProduct(Topology topology) {
    try (MeshWorld world = open(topology)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      g.checkWarehouseChange(SALES, "CREATE", "table sales:staging.events", Optional.of(STAGING));
      g.checkWarehouseChange(SALES, "CREATE", "database sales:staging", Optional.empty());
      assertThatThrownBy(
              () ->
                  g.checkWarehouseChange(
                      SALES, "DROP", "table sales:sales.orders", Optional.of(ORDERS)))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: sales may not DROP table sales:sales.orders: it is the published"
                  + " product sales.orders, which only its job writes (bin/lakemesh run"
                  + " sales.orders: the quality gate, then the publish); a drop or rename would"
                  + " strand its catalog entry and its consumers' links");

      assertThat(world.eventsAfter(log, before))
          .extracting(AuditEvent::action, AuditEvent::resource, AuditEvent::outcome)
          .containsExactly(
              Tuple.tuple(
                  AuditAction.WRITE, "table sales:sales.orders", AuditEvent.Outcome.REFUSED));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "FEDERATED"})
  void nobodyButTheProducersAdministratorChangesItsTables(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      for (Principal other :
          List.of(
              Principal.of("sales", "engineer"), MARKETING, Principal.administrator("nobody"))) {
        assertThatThrownBy(
                () ->
                    g.checkWarehouseChange(
                        other,
                        "CREATE",
                        "database " + other.account() + ":scratch",
                        Optional.empty()))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessageStartingWith(
                "access denied: "
                    + other
                    + " may not CREATE database "
                    + other.account()
                    + ":scratch: ");
      }
      assertThatThrownBy(
              () ->
                  g.checkWarehouseChange(
                      Principal.of("sales", "engineer"),
                      "DROP",
                      "table sales:staging.events",
                      Optional.of(STAGING)))
          .hasMessageEndingWith(
              "only the producer's administrator changes its tables (use a token of sales)");
      assertThatThrownBy(
              () ->
                  g.checkWarehouseChange(
                      MARKETING, "CREATE", "database marketing:scratch", Optional.empty()))
          .hasMessageContaining("account marketing is not a producer");

      assertThat(world.events(world.mesh.auditLogOf("sales")))
          .filteredOn(e -> e.action() == AuditAction.WRITE)
          .extracting(e -> e.actor().toString())
          .contains("sales:engineer");
    }
  }
}
