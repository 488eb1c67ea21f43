package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.CatalogTable;
import io.lakemesh.catalog.ConstraintResult;
import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.Publication;
import io.lakemesh.catalog.QualityRun;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.TableId;
import io.lakemesh.catalog.TableParameters;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The events a change leaves in the catalog's stream for subscribers: one per change, written by
 * the rule that makes it, none for a refused change, and never a value of the data.
 */
class MeshEventsTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aPublishTellsItsSnapshotAndAChangedSchemaWhatChanged(Topology topology) {
    try (MeshWorld world = open(topology)) {
      world.publish(ORDERS, List.of("order_id", "amount", "country"), Map.of());
      world.publish(ORDERS, List.of("order_id", "amount", "region"), Map.of());

      List<MeshEvent> events = events(world);
      assertThat(events)
          .extracting(MeshEvent::kind)
          .containsExactly(Kind.PUBLISHED, Kind.PUBLISHED, Kind.SCHEMA_CHANGED);
      assertThat(events).extracting(MeshEvent::table).containsOnly(ORDERS);
      assertThat(events).extracting(MeshEvent::account).containsOnlyNulls();
      assertThat(events.get(0).data())
          .containsEntry("snapshot", "101")
          .containsEntry("version", "1")
          .containsEntry("quality", "PASSED");
      assertThat(events.get(1).data()).containsEntry("snapshot", "102");
      assertThat(events.get(2).data())
          .containsEntry("change", "added, removed")
          .containsEntry("added", "region")
          .containsEntry("removed", "country");
    }
  }

  @Test
  void publishingTheSnapshotAlreadyPublishedTellsNothing() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      Publication first = world.publication(ORDERS, List.of("order_id"), Map.of());
      world.governance.publish(SALES, first);
      world.governance.publish(SALES, first);

      assertThat(events(world)).extracting(MeshEvent::kind).containsExactly(Kind.PUBLISHED);
    }
  }

  @Test
  void aNewMajorVersionIsToldOnItsTableAndOnTheMajorBefore() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      TableId v2 = TableId.of("sales", "sales", "orders_v2");
      world.publish(ORDERS);
      Publication second = world.publication(v2, List.of("order_id"), Map.of());
      Map<String, String> parameters = new TreeMap<>(second.table().parameters());
      parameters.put(TableParameters.MAJOR_VERSION, "2");
      CatalogTable t = second.table();
      world.governance.publish(
          SALES,
          new Publication(
              t.toBuilder().parameters(parameters).version(0).updatedAt(Instant.EPOCH).build(),
              null,
              null,
              null));

      List<MeshEvent> majors =
          events(world).stream().filter(e -> e.kind() == Kind.MAJOR_VERSION).toList();
      assertThat(majors).extracting(MeshEvent::table).containsExactlyInAnyOrder(v2, ORDERS);
      assertThat(majors)
          .allSatisfy(
              e ->
                  assertThat(e.data())
                      .containsEntry("major", "2")
                      .containsEntry("table", "sales.orders_v2"));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aBatchThatSetMoreRowsAsideThanTheWarningLevelIsToldWithItsCountsOnly(Topology topology) {
    try (MeshWorld world = open(topology)) {
      world.governance.publish(SALES, quarantined(world, "0.0005"));
      world.governance.publish(SALES, quarantined(world, "0.004"));

      List<MeshEvent> warnings =
          events(world).stream().filter(e -> e.kind() == Kind.QUARANTINE_WARNING).toList();
      assertThat(warnings).hasSize(1);
      assertThat(warnings.get(0).table()).isEqualTo(ORDERS);
      assertThat(warnings.get(0).data())
          .containsOnly(
              Map.entry("run", "run-2"),
              Map.entry("quarantined", "4"),
              Map.entry("fraction", "0.004"),
              Map.entry("warning", "0.001"),
              Map.entry("rules", "{\"quantity_positive\":3,\"currency_known\":2}"));
    }
  }

  /** A publication of a batch whose quarantine rules set aside {@code fraction} of its rows. */
  private static Publication quarantined(MeshWorld world, String fraction) {
    Publication p = world.publication(ORDERS, List.of("order_id", "amount"), Map.of());
    Map<String, String> parameters = new TreeMap<>(p.table().parameters());
    parameters.put(TableParameters.RUN_ID, fraction.equals("0.004") ? "run-2" : "run-1");
    parameters.put(TableParameters.QUARANTINE_ROWS, "4");
    parameters.put(
        TableParameters.QUARANTINE_RULES, "{\"quantity_positive\":3,\"currency_known\":2}");
    parameters.put(TableParameters.QUARANTINE_FRACTION, fraction);
    parameters.put(TableParameters.QUARANTINE_WARNING, "0.001");
    CatalogTable t = p.table();
    return new Publication(
        t.toBuilder().parameters(parameters).version(0).updatedAt(Instant.EPOCH).build(),
        null,
        null,
        null);
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void everyMoveOfARequestIsToldToTheRequestersAccount(Topology topology) {
    try (MeshWorld world = open(topology)) {
      world.publish(ORDERS);
      long before = last(world);
      AccessRequest asked =
          world.governance.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      world.governance.deny(SALES, asked.id(), "say why");
      world.governance.approve(SALES, asked.id());
      world.governance.revokeSubscription(SALES, asked.id());

      List<MeshEvent> access = after(world, before);
      assertThat(access)
          .extracting(MeshEvent::kind)
          .containsExactly(
              Kind.ACCESS_REQUESTED, Kind.ACCESS_DENIED, Kind.ACCESS_APPROVED, Kind.ACCESS_REVOKED);
      assertThat(access).extracting(MeshEvent::account).containsOnly("marketing");
      assertThat(access).extracting(MeshEvent::table).containsOnly(ORDERS);
      assertThat(access)
          .allSatisfy(
              e ->
                  assertThat(e.data())
                      .containsEntry("request", Long.toString(asked.id()))
                      .containsEntry("permissions", "SELECT"));
      assertThat(access.get(1).data()).containsEntry("reason", "say why");
    }
  }

  @Test
  void aRevokedGrantIsToldToTheGranteesAccount() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      world.governance.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT);
      long before = last(world);
      world.governance.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      assertThat(after(world, before))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.ACCESS_REVOKED);
                assertThat(e.account()).isEqualTo("marketing");
                assertThat(e.data()).containsEntry("permissions", "SELECT");
              });
    }
  }

  @Test
  void aRejectedBatchNamesTheRulesThatFailedAndNoValueTheyQuote() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      long before = last(world);
      QualityRun failed =
          new QualityRun(
              "sales-2",
              ORDERS,
              null,
              Instant.parse("2026-03-01T00:00:00Z"),
              QualityRun.Outcome.FAILED,
              List.of(),
              List.of(
                  new ConstraintResult(
                      "unique_order_id",
                      "unique(order_id)",
                      ConstraintResult.Severity.ERROR,
                      ConstraintResult.Status.FAILURE,
                      "2 duplicates, e.g. 7741",
                      "7741",
                      null),
                  new ConstraintResult(
                      "amount_present",
                      "complete(amount)",
                      ConstraintResult.Severity.ERROR,
                      ConstraintResult.Status.SUCCESS,
                      "")));
      world.governance.recordQualityRun(SALES, failed);

      assertThat(after(world, before))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                assertThat(e.data())
                    .containsEntry("run", "sales-2")
                    .containsEntry("failed", "unique_order_id");
                assertThat(e.data().toString()).doesNotContain("7741");
              });
    }
  }

  @Test
  void aRefusedChangeTellsNothing() {
    try (MeshWorld world = open(Topology.CENTRAL)) {
      world.publish(ORDERS);
      long before = last(world);
      assertThatThrownBy(
              () ->
                  world.governance.publish(
                      MARKETING, world.publication(ORDERS, List.of("order_id"), Map.of())))
          .isInstanceOf(AccessDeniedException.class);
      assertThatThrownBy(
              () -> world.governance.grant(MARKETING, MARKETING, Resource.table(ORDERS), SELECT))
          .isInstanceOf(AccessDeniedException.class);

      assertThat(after(world, before)).isEmpty();
    }
  }

  private static List<MeshEvent> events(MeshWorld world) {
    return after(world, 0);
  }

  private static List<MeshEvent> after(MeshWorld world, long seq) {
    return ((SupportsEvents) world.catalog).eventsAfter(seq, 1000);
  }

  private static long last(MeshWorld world) {
    List<MeshEvent> all = events(world);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
  }
}
