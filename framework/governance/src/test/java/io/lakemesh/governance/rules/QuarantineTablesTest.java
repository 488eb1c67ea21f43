package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.MeshFixtures.SALES_ENGINEER;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.catalog.Column;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.ResourceLink;
import io.lakemesh.governance.Topology;
import io.lakemesh.governance.connect.ConnectionGuides;
import io.lakemesh.governance.connect.Engine;
import io.lakemesh.governance.connect.ReadPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A product's quarantine table ({@code sales.orders__quarantine}) holds the rows its gate set
 * aside: the producer and governance read it, no grant on the product reaches it, and no grant or
 * request may name it. It is not in the catalog; its entry follows from the product's.
 */
class QuarantineTablesTest extends RuleSuite {
  private static final TableId QUARANTINE = TableId.of("sales", "sales", "orders__quarantine");
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final String REFUSED_SELECT =
      "access denied: marketing may not SELECT table sales:sales.orders__quarantine: it is the"
          + " quarantine table of sales:sales.orders, whose rows only the producer sales and"
          + " governance read (the counts are in bin/lakemesh catalog show sales.orders)";

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theProducerReadsTheProductsColumnsAndWhyEachRowWasSetAside(Topology topology) {
    try (MeshWorld world = open(topology)) {
      world.publish(ORDERS);

      AccessDecision read = world.governance.checkSelect(SALES, QUARANTINE);

      assertThat(read.target()).isEqualTo(QUARANTINE);
      assertThat(read.visibleColumnNames())
          .containsExactly(
              "order_id",
              "customer_id",
              "amount",
              "country",
              "_run_id",
              "_rules",
              "_quarantined_at");
      assertThat(world.governance.describe(SALES, QUARANTINE).columns())
          .extracting(Column::name, Column::type)
          .endsWith(
              tuple("_run_id", "string"),
              tuple("_rules", "array<string>"),
              tuple("_quarantined_at", "timestamp"));
    }
  }

  @Test
  void theGovernanceAccountReadsItThoughItReadsNoProductData() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);

      assertThatThrownBy(() -> world.governance.checkSelect(GOVERNANCE, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.governance.checkSelect(GOVERNANCE, QUARANTINE).visibleColumnNames())
          .hasSize(7);
    }
  }

  @Test
  void aConsumerHoldingSelectOnTheProductIsRefusedWithTheReasonOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      assertThatThrownBy(() -> world.governance.checkSelect(MARKETING, QUARANTINE))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(REFUSED_SELECT);

      List<AuditEvent> added = world.eventsAfter(log, before);
      assertThat(added)
          .extracting(AuditEvent::actor, AuditEvent::resource, AuditEvent::refused)
          .containsExactly(tuple(MARKETING, "table sales:sales.orders__quarantine", true));
      assertThat(added.get(0).reason()).contains("quarantine table of sales:sales.orders");
    }
  }

  @Test
  void aDatabaseGrantAndLinkDoNotReachIt() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.database(ORDERS.databaseId()), SELECT);
      g.createLink(
          MARKETING,
          new ResourceLink.DatabaseLink(
              DatabaseId.of("marketing", "sales_link"), ORDERS.databaseId()));

      assertThat(g.checkSelect(MARKETING, TableId.of("marketing", "sales_link", "orders")))
          .isNotNull();
      assertThatThrownBy(
              () ->
                  g.checkSelect(
                      MARKETING, TableId.of("marketing", "sales_link", "orders__quarantine")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("quarantine table of sales:sales.orders");
      assertThatThrownBy(() -> g.describe(MARKETING, QUARANTINE))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.tables(MARKETING, "sales_link")).containsExactly("orders");
    }
  }

  @Test
  void aPrincipalOfTheProducersAccountReadsItOnlyWhileItReadsTheWholeProduct() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      g.grant(SALES, SALES_ENGINEER, Resource.columns(ORDERS, List.of("order_id")), SELECT);

      assertThatThrownBy(() -> g.checkSelect(SALES_ENGINEER, QUARANTINE))
          .isInstanceOf(AccessDeniedException.class);

      g.grant(SALES, SALES_ENGINEER, Resource.table(ORDERS), SELECT);
      assertThat(g.checkSelect(SALES_ENGINEER, QUARANTINE).visibleColumnNames()).hasSize(7);
    }
  }

  @Test
  void aGrantOrRequestNamingItIsRefusedOnRecordAndChangesNothing() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);
      String expected =
          "sales:sales.orders__quarantine is the quarantine table of sales:sales.orders: no grant"
              + " or request gives access to it (only the producer and governance read it, with"
              + " bin/lakemesh quarantine show sales.orders); name the product instead";

      assertThatThrownBy(() -> g.grant(SALES, MARKETING, Resource.table(QUARANTINE), SELECT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(expected);
      assertThatThrownBy(
              () ->
                  g.grant(
                      SALES, MARKETING, Resource.columns(QUARANTINE, List.of("order_id")), SELECT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(expected);
      assertThatThrownBy(() -> g.requestAccess(MARKETING, Resource.table(QUARANTINE), SELECT))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(expected);

      assertThat(g.grants(MARKETING)).isEmpty();
      assertThat(g.requests(MARKETING)).isEmpty();
      assertThat(world.eventsAfter(log, before))
          .extracting(AuditEvent::actor, AuditEvent::refused)
          .containsExactly(tuple(SALES, true), tuple(SALES, true), tuple(MARKETING, true));
    }
  }

  @Test
  void aTableRegisteredUnderTheSuffixIsNeitherDiscoveredNorReachedByAGrantOnItsDatabase() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      world.publish(QUARANTINE, MeshWorld.ORDER_COLUMNS, Map.of());
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.database(ORDERS.databaseId()), SELECT);

      assertThat(g.search(MARKETING, SearchQuery.all()))
          .extracting(l -> l.table().table())
          .containsExactly("orders");
      assertThat(g.listTables(MARKETING, "sales"))
          .extracting(t -> t.id().table())
          .containsExactly("orders");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, QUARANTINE))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(REFUSED_SELECT);
      assertThat(g.checkSelect(SALES, QUARANTINE).visibleColumnNames())
          .isEqualTo(MeshWorld.ORDER_COLUMNS);
    }
  }

  @Test
  void aReadersOwnAccessSaysWhetherItReadsTheRowsSetAside() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      assertThat(g.ownAccess(SALES, ORDERS).mayReadQuarantine()).isTrue();
      assertThat(g.ownAccess(GOVERNANCE, ORDERS).mayReadQuarantine()).isTrue();
      assertThat(g.ownAccess(MARKETING, ORDERS).mayReadQuarantine()).isFalse();
    }
  }

  @Test
  void aConnectionGuideToItIsTheRefusalForAConsumerAndAReadPathForTheProducer() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      g.grant(SALES, MARKETING, Resource.database(ORDERS.databaseId()), SELECT);
      ConnectionGuides guides = new ConnectionGuides(g);

      assertThatThrownBy(() -> guides.guide(MARKETING, QUARANTINE, Engine.SPARK, null))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(REFUSED_SELECT);
      assertThat(guides.guide(SALES, QUARANTINE, Engine.SPARK, null).readPath())
          .isEqualTo(ReadPath.ICEBERG_REST);
    }
  }

  @Test
  void theQuarantineTableOfNoProductIsNotFound() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      assertThatThrownBy(() -> world.governance.checkSelect(SALES, QUARANTINE))
          .isInstanceOf(NotFoundException.class);
    }
  }
}
