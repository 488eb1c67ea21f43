package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.DatabaseId;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.NoSuchTableException;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.DataFilter;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Reads by an engine handed the whole table (an Iceberg REST client): the whole table or nothing,
 * each read on record once per principal, table and minute, and no change through a link.
 */
class FullTableAccessTest extends RuleSuite {
  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final TableId LINK = TableId.of("marketing", "sales_link", "orders");
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @Test
  void aWholeTableReadIsRecordedOncePerPrincipalTableAndMinute() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      ManualClock clock = new ManualClock(T0);
      Governance rules = Governance.over(world.mesh, world.catalog, clock).byToken("t1");
      world.governance.approve(
          SALES, world.governance.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      world.governance.approve(
          SALES, world.governance.requestAccess(FINANCE, Resource.table(ORDERS), SELECT).id());
      long before = world.lastSeq("governance");

      assertThat(rules.readFullTable(MARKETING, LINK).target()).isEqualTo(ORDERS);
      clock.set(T0.plusSeconds(30));
      rules.readFullTable(MARKETING, LINK); // covered by the read at 10:00:00
      rules.readFullTable(FINANCE, TableId.of("finance", "sales_link", "orders")); // another reader
      clock.set(T0.plusSeconds(59));
      rules.readFullTable(MARKETING, LINK); // still covered
      clock.set(T0.plusSeconds(61));
      rules.readFullTable(MARKETING, LINK); // the minute has passed: on record again

      assertThat(world.eventsAfter("governance", before))
          .extracting(
              AuditEvent::action,
              e -> e.actor().toString(),
              AuditEvent::resource,
              AuditEvent::after,
              AuditEvent::outcome,
              AuditEvent::at,
              AuditEvent::token)
          .containsExactly(
              tuple(
                  AuditAction.READ,
                  "marketing",
                  "table sales:sales.orders",
                  "through marketing:sales_link.orders",
                  AuditEvent.Outcome.ALLOWED,
                  T0,
                  "t1"),
              tuple(
                  AuditAction.READ,
                  "finance",
                  "table sales:sales.orders",
                  "through finance:sales_link.orders",
                  AuditEvent.Outcome.ALLOWED,
                  T0.plusSeconds(30),
                  "t1"),
              tuple(
                  AuditAction.READ,
                  "marketing",
                  "table sales:sales.orders",
                  "through marketing:sales_link.orders",
                  AuditEvent.Outcome.ALLOWED,
                  T0.plusSeconds(61),
                  "t1"));
    }
  }

  @Test
  void aProducersOwnReadIsRecordedInItsOwnLogInFederated() {
    try (MeshWorld world = open(Topology.FEDERATED)) {
      world.publish(ORDERS);
      long before = world.lastSeq("sales");

      world.governance.readFullTable(SALES, ORDERS);

      assertThat(world.eventsAfter("sales", before))
          .extracting(AuditEvent::action, AuditEvent::resource, AuditEvent::after)
          .containsExactly(tuple(AuditAction.READ, "table sales:sales.orders", ""));
    }
  }

  @Test
  void aColumnGrantIsRefusedTheWholeTableAndPointedAtTheGovernedEngines() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      long request =
          g.requestAccess(
                  MARKETING, Resource.columns(ORDERS, List.of("order_id", "amount")), SELECT)
              .id();
      g.approve(SALES, request);
      long before = world.lastSeq("governance");
      String refusal =
          "access denied: marketing may not SELECT table sales:sales.orders with full table"
              + " access: its grants show only some of the table's columns; an engine handed the"
              + " table's files cannot be trusted to hide the rest. Read it through a governed"
              + " engine, which applies the grants on every read: bin/lakemesh query --as"
              + " marketing \"SELECT * FROM sales_link.orders\", or Spark with the governed"
              + " catalog (spark.sql.catalog.NAME=io.lakemesh.governance.spark.GovernedCatalog,"
              + " spark.sql.catalog.NAME.principal=marketing); or ask the producer for the whole"
              + " table: bin/lakemesh request-access --as marketing --table sales:sales.orders"
              + " --perm SELECT";

      assertThatThrownBy(() -> g.readFullTable(MARKETING, LINK))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(refusal);

      // The governed engines still read the granted columns.
      assertThat(g.checkSelect(MARKETING, LINK).visibleColumnNames())
          .containsExactly("order_id", "amount");
      assertThat(world.eventsAfter("governance", before))
          .extracting(
              AuditEvent::action, AuditEvent::resource, AuditEvent::outcome, AuditEvent::reason)
          .containsExactly(
              tuple(
                  AuditAction.SELECT,
                  "table sales:sales.orders",
                  AuditEvent.Outcome.REFUSED,
                  refusal));
    }
  }

  @Test
  void aReadThroughADataFilterIsRefusedTheWholeTable() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      CatalogTable orders = world.publish(ORDERS);
      DataFilter us = new DataFilter(ORDERS, "us_only", "country = 'US'", List.of(), List.of());
      // Every column shown, on the rows of the filter only: still not the whole table.
      AccessDecision throughFilter =
          new AccessDecision(
              MARKETING,
              LINK,
              ORDERS,
              List.of(),
              orders,
              orders.columns(),
              false,
              Set.of(),
              List.of(us));

      assertThatThrownBy(() -> FullTableAccess.requireEveryCell(throughFilter))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith(
              "access denied: marketing may not SELECT table sales:sales.orders with full table"
                  + " access: its grants show the table through data filter(s) us_only; ")
          .hasMessageContaining("bin/lakemesh query --as marketing");
    }
  }

  @Test
  void anUngrantedOrRevokedReaderGetsTheRefusalQueryGivesAndHowToAsk() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;

      assertThatThrownBy(() -> g.readFullTable(MARKETING, LINK))
          .isInstanceOf(NoSuchTableException.class)
          .hasMessage("table not found: marketing:sales_link.orders");

      long request = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id();
      g.approve(SALES, request);
      g.readFullTable(MARKETING, LINK);
      g.revokeSubscription(SALES, request);
      long before = world.lastSeq("governance");

      String missing =
          "access denied: marketing may not SELECT table sales:sales.orders (through"
              + " marketing:sales_link.orders): missing SELECT (no grant on the table, its"
              + " columns, its database or a matching LF-tag policy)";
      assertThatThrownBy(() -> g.readFullTable(MARKETING, LINK))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              missing
                  + "; ask the producer for the table: bin/lakemesh request-access --as marketing"
                  + " --table sales:sales.orders --perm SELECT");
      assertThatThrownBy(() -> g.checkSelect(MARKETING, LINK)).hasMessage(missing);
      // On record as query's refusal, once for each.
      assertThat(world.eventsAfter("governance", before))
          .extracting(AuditEvent::action, AuditEvent::outcome, AuditEvent::reason)
          .containsExactly(
              tuple(AuditAction.SELECT, AuditEvent.Outcome.REFUSED, missing),
              tuple(AuditAction.SELECT, AuditEvent.Outcome.REFUSED, missing));
    }
  }

  @Test
  void changesThroughALinkAreRefusedOnRecord() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      Governance g = world.governance;
      g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      long before = world.lastSeq("governance");

      assertThatThrownBy(() -> g.refuseChange(MARKETING, LINK, "commit to"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not commit to table marketing:sales_link.orders: it"
                  + " is a resource link to sales:sales.orders, which is read-only: the data"
                  + " behind it changes only through its producer's jobs");
      assertThatThrownBy(
              () -> g.refuseChange(MARKETING, DatabaseId.of("marketing", "sales_link"), "drop"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not drop database marketing:sales_link: it holds"
                  + " resource links, which are read-only: the data behind them changes only"
                  + " through their producers' jobs");
      assertThatThrownBy(
              () -> g.refuseChange(MARKETING, DatabaseId.of("marketing", "scratch"), "create"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not create database marketing:scratch: account"
                  + " marketing writes tables only in its own catalog as a producer; what it was"
                  + " granted it reads through its links");

      assertThat(world.eventsAfter("governance", before))
          .extracting(AuditEvent::action, AuditEvent::resource, AuditEvent::outcome)
          .containsExactly(
              tuple(
                  AuditAction.WRITE,
                  "table marketing:sales_link.orders",
                  AuditEvent.Outcome.REFUSED),
              tuple(AuditAction.WRITE, "database marketing:sales_link", AuditEvent.Outcome.REFUSED),
              tuple(AuditAction.WRITE, "database marketing:scratch", AuditEvent.Outcome.REFUSED));
    }
  }
}
