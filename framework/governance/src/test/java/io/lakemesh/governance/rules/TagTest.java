package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.GOVERNANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.RETAIL_GOV;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.RETURNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.AlreadyExistsException;
import io.lakemesh.exceptions.ErrorKind;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.exceptions.NotFoundException;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.EffectiveTags;
import io.lakemesh.governance.LfTag;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** LF-tags: who defines and assigns them, inheritance, and policies that cover later tables. */
class TagTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void valuesFlowFromDatabaseToTableToColumnUnlessOverridden(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.database(ORDERS.databaseId()), "domain", "sales");
      g.assignTag(SALES, TagTarget.database(ORDERS.databaseId()), "classification", "public");
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");
      g.assignTag(SALES, TagTarget.column(ORDERS, "customer_id"), "classification", "confidential");

      EffectiveTags tags = g.effectiveTags(SALES, ORDERS);

      assertThat(tags.database()).isEqualTo(Map.of("domain", "sales", "classification", "public"));
      assertThat(tags.tableLevel())
          .isEqualTo(Map.of("domain", "sales", "classification", "internal"));
      assertThat(tags.column("order_id"))
          .isEqualTo(Map.of("domain", "sales", "classification", "internal"));
      assertThat(tags.column("customer_id"))
          .isEqualTo(Map.of("domain", "sales", "classification", "confidential"));

      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy(
              "sales", TagExpression.parse("domain=sales AND classification IN (public,internal)")),
          SELECT);
      assertThat(g.checkSelect(MARKETING, ORDERS).visibleColumnNames())
          .containsExactly("order_id", "amount", "country");

      g.removeTag(SALES, TagTarget.column(ORDERS, "customer_id"), "classification");
      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aTagPolicyCoversTablesTaggedAfterTheGrant(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.defineSalesTags();
      world.publish(ORDERS);
      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
          SELECT);
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);

      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "sales");
      world.publish(RETURNS);
      g.assignTag(SALES, TagTarget.database(RETURNS.databaseId()), "domain", "sales");

      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();
      assertThat(g.checkSelect(MARKETING, RETURNS).allColumns()).isTrue();
      // A table tagged later in a new database is covered too.
      TableId later = TableId.of("sales", "archive", "orders_2023");
      world.publish(later);
      assertThatThrownBy(() -> g.checkSelect(MARKETING, later))
          .isInstanceOf(AccessDeniedException.class);
      g.assignTag(SALES, TagTarget.table(later), "domain", "sales");
      assertThat(g.checkSelect(MARKETING, later).allColumns()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aPolicyCoversOnlyTheGrantingProducersTables(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.defineSalesTags();
      if (topology == Topology.FEDERATED) {
        g.createTag(PRODUCT, LfTag.of("domain", "sales", "product"));
      }
      world.publish(ORDERS);
      world.publish(INVENTORY);
      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "sales");
      g.assignTag(PRODUCT, TagTarget.table(INVENTORY), "domain", "sales");
      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
          SELECT);

      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();
      assertThatThrownBy(() -> g.checkSelect(MARKETING, INVENTORY))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void declaredProductTagsCountWhenTheyAreDefinedLfTags(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.defineSalesTags();
      world.publish(
          ORDERS,
          MeshWorld.ORDER_COLUMNS,
          Map.of("domain", "sales", "classification", "secret", "cost_center", "cc-1"));
      g.grant(
          SALES,
          MARKETING,
          Resource.tagPolicy("sales", TagExpression.parse("domain=sales")),
          SELECT);

      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();
      EffectiveTags tags = g.effectiveTags(MARKETING, ORDERS);
      // classification=secret is not an allowed value and cost_center no LF-tag: neither counts.
      assertThat(tags.tableLevel()).isEqualTo(Map.of("domain", "sales"));

      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "finance");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void inTheCentralTopologiesOnlyTheGovernanceAccountDefinesTags() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      assertThat(g.createTag(GOVERNANCE, LfTag.of("domain", "sales")).key()).isEqualTo("domain");
      assertThatThrownBy(() -> g.createTag(SALES, "governance", LfTag.of("tier", "gold")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining(
              "only the administrator of governance defines LF-tags in its catalog");
      assertThatThrownBy(() -> g.createTag(SALES, LfTag.of("tier", "gold")))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(
              "in the central topology LF-tags are defined in the governance accounts' catalogs;"
                  + " sales is not one");
      assertThatThrownBy(() -> g.createTag(GOVERNANCE, LfTag.of("domain", "x")))
          .isInstanceOf(AlreadyExistsException.class);
      assertThat(g.tags("governance")).extracting(LfTag::key).containsExactly("domain");
    }
    try (MeshWorld world = open(Topology.LOB_FEDERATED)) {
      assertThat(world.governance.createTag(RETAIL_GOV, LfTag.of("domain", "sales")).key())
          .isEqualTo("domain");
      assertThatThrownBy(() -> world.governance.createTag(SALES, "retail-gov", LfTag.of("x", "y")))
          .isInstanceOf(AccessDeniedException.class);
    }
    try (MeshWorld world = open(Topology.FEDERATED)) {
      assertThat(world.governance.createTag(SALES, LfTag.of("domain", "sales")).key())
          .isEqualTo("domain");
      assertThatThrownBy(() -> world.governance.createTag(MARKETING, LfTag.of("x", "y")))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> world.governance.createTag(PRODUCT, "sales", LfTag.of("x", "y")))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  @Test
  void aTagWithMoreValuesThanTheServiceKeepsIsRefusedOnRecordAndNotDefined() {
    assumeThat(backend().tagValueLimit()).isPresent();
    int limit = backend().tagValueLimit().getAsInt();
    List<String> values = new ArrayList<>();
    for (int i = 0; i <= limit; i++) {
      values.add(String.format("v%05d", i));
    }
    try (MeshWorld world = open(Topology.CENTRAL)) {
      long before = world.lastSeq("governance");

      BadInputTest.expect(
          ErrorKind.USER,
          "at most " + limit + " values per LF-tag",
          () -> world.governance.createTag(GOVERNANCE, LfTag.of("region", values)));

      AuditEvent refusal = onlyRefusedTagCreate(world, before);
      assertThat(refusal.resource()).isEqualTo("LF-tag region in catalog governance");
      assertThat(refusal.reason())
          .contains("has " + (limit + 1) + " values")
          .contains("define fewer values, or split them over several keys");
      assertThat(world.governance.tags("governance")).isEmpty();
    }
  }

  @Test
  void aTagDefinedAlreadyIsRefusedOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.governance.createTag(GOVERNANCE, LfTag.of("domain", "sales"));
      long before = world.lastSeq("governance");

      BadInputTest.expect(
          ErrorKind.USER,
          "LF-tag domain already exists in catalog governance",
          () -> world.governance.createTag(GOVERNANCE, LfTag.of("domain", "sales", "hr")));

      assertThat(onlyRefusedTagCreate(world, before).resource())
          .isEqualTo("LF-tag domain in catalog governance");
      assertThat(world.governance.tags("governance")).containsExactly(LfTag.of("domain", "sales"));
    }
  }

  /** The one event the governance log gained after {@code seq}: a refused tag-create. */
  private static AuditEvent onlyRefusedTagCreate(MeshWorld world, long seq) {
    List<AuditEvent> events = world.eventsAfter("governance", seq);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).refused()).isTrue();
    assertThat(events.get(0).action().label()).isEqualTo("tag-create");
    return events.get(0);
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void onlyTheOwningProducerAssignsAndOnlyDefinedValues(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();

      assertThatThrownBy(
              () -> g.assignTag(world.governor(), TagTarget.table(ORDERS), "domain", "sales"))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(() -> g.assignTag(MARKETING, TagTarget.table(ORDERS), "domain", "sales"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not TAG table sales:sales.orders: only the producer"
                  + " sales assigns LF-tags to its data");
      assertThatThrownBy(() -> g.assignTag(SALES, TagTarget.table(ORDERS), "tier", "gold"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("LF-tag tier is not defined in catalog " + world.salesTagCatalog());
      assertThatThrownBy(() -> g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "hr"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("not allowed for LF-tag domain");
      assertThatThrownBy(
              () -> g.assignTag(SALES, TagTarget.column(ORDERS, "missing"), "domain", "sales"))
          .isInstanceOf(NotFoundException.class)
          .hasMessageContaining("has no column missing");
      assertThatThrownBy(() -> g.assignTag(SALES, TagTarget.table(RETURNS), "domain", "sales"))
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> g.removeTag(SALES, TagTarget.table(ORDERS), "domain"))
          .isInstanceOf(NotFoundException.class)
          .hasMessage("table sales:sales.orders carries no LF-tag domain");
      assertThatThrownBy(
              () ->
                  g.grant(
                      SALES,
                      MARKETING,
                      Resource.tagPolicy("sales", TagExpression.parse("tier=gold")),
                      SELECT))
          .isInstanceOf(NotFoundException.class);
      assertThat(g.effectiveTags(SALES, ORDERS).tableLevel()).isEmpty();
    }
  }

  @Test
  void tagChangesAreAuditedWithBeforeAndAfter() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "public");
      g.assignTag(SALES, TagTarget.table(ORDERS), "classification", "internal");
      g.removeTag(SALES, TagTarget.table(ORDERS), "classification");

      assertThat(world.events("governance"))
          .filteredOn(e -> e.action().name().startsWith("TAG_"))
          .extracting(
              e ->
                  e.action().label()
                      + " "
                      + e.resource()
                      + " ["
                      + e.before()
                      + "] -> ["
                      + e.after()
                      + "]")
          .containsExactly(
              "tag-create LF-tag domain in catalog governance [] -> [finance,product,sales]",
              "tag-create LF-tag classification in catalog governance [] ->"
                  + " [confidential,internal,public]",
              "tag-assign table sales:sales.orders [] -> [classification=public]",
              "tag-assign table sales:sales.orders [classification=public] ->"
                  + " [classification=internal]",
              "tag-remove table sales:sales.orders [classification=internal] -> []");
      assertThat(List.of(world.mesh.auditLogs())).isNotEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"LOB_FEDERATED", "FEDERATED"})
  void aRefusedTagChangeIsOnRecordWhateverItsKind(Topology topology) {
    try (MeshWorld world = open(topology)) {
      Governance g = world.governance;
      world.publish(ORDERS);
      world.defineSalesTags();
      TagTarget orders = TagTarget.table(ORDERS);
      // Finance's own log differs from sales's in these topologies.
      String sales = world.mesh.auditLogOf("sales");
      String finance = world.mesh.auditLogOf("finance");
      long salesBefore = world.lastSeq(sales);
      long financeBefore = world.lastSeq(finance);

      BadInputTest.expect(
          ErrorKind.ACCESS_DENIED,
          "only the producer sales assigns LF-tags",
          () -> g.assignTag(FINANCE, orders, "domain", "sales"));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "LF-tag tier is not defined",
          () -> g.assignTag(SALES, orders, "tier", "gold"));
      BadInputTest.expect(
          ErrorKind.USER,
          "not allowed for LF-tag domain",
          () -> g.assignTag(SALES, orders, "domain", "hr"));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "carries no LF-tag domain",
          () -> g.removeTag(SALES, orders, "domain"));
      // Names that are not in the catalog: recorded in the actor's own account's log only.
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "table not found: sales:sales.nope",
          () ->
              g.assignTag(
                  FINANCE, TagTarget.table(TableId.of("sales", "sales", "nope")), "domain", "x"));
      BadInputTest.expect(
          ErrorKind.NOT_FOUND,
          "unknown account 'nowhere'",
          () -> g.createTag(FINANCE, "nowhere", LfTag.of("tier", "gold")));
      BadInputTest.expect(
          ErrorKind.USER,
          "marketing is not one",
          () -> g.createTag(FINANCE, "marketing", LfTag.of("tier", "gold")));

      assertThat(world.eventsAfter(sales, salesBefore))
          .extracting(e -> e.action().label() + " " + e.actor() + " " + e.resource())
          .containsExactly(
              "tag-assign finance table sales:sales.orders",
              "tag-assign sales table sales:sales.orders",
              "tag-assign sales table sales:sales.orders",
              "tag-remove sales table sales:sales.orders");
      assertThat(world.eventsAfter(finance, financeBefore))
          .extracting(e -> e.action().label() + " " + e.actor() + " " + e.resource())
          .containsExactly(
              "tag-assign finance table sales:sales.nope",
              "tag-create finance LF-tag tier in catalog nowhere",
              "tag-create finance LF-tag tier in catalog marketing");
      // Each refusal is recorded once, in one log.
      assertThat(world.events()).filteredOn(AuditEvent::refused).hasSize(7);
      assertThat(world.eventsAfter(sales, salesBefore).get(2).reason())
          .isEqualTo(
              "value 'hr' is not allowed for LF-tag domain (allowed: finance, product, sales)");
    }
  }
}
