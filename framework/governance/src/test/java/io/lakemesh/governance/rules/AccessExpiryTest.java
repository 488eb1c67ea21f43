package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.MeshEvent;
import io.lakemesh.catalog.MeshEvent.Kind;
import io.lakemesh.catalog.SupportsEvents;
import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.ManualClock;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Access that ends by itself: a grant or an approval with an expiry gives nothing from that instant
 * on, on the first check after it; the first check (or sweep) that meets it records it once (an
 * EXPIRE audit event and ACCESS_EXPIRED), and what rested on it ends as a revoke ends it. The clock
 * is moved by hand. Actions go through {@link #service}.
 */
class AccessExpiryTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final Instant START = Instant.parse("2027-01-01T00:00:00Z");
  private static final Instant EXPIRES = Instant.parse("2027-01-31T00:00:00Z");

  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aGrantIsRefusedOnTheFirstCheckFromItsExpiryAndRecordedOnce(Topology topology) {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(topology, clock)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      Grant grant =
          g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT, Set.of(), null, EXPIRES);
      assertThat(grant.expires()).isEqualTo(EXPIRES);
      clock.set(EXPIRES.minusSeconds(1));
      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();

      clock.set(EXPIRES);

      for (int check = 0; check < 2; check++) {
        assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
            .isInstanceOf(AccessDeniedException.class)
            .hasMessage(
                "access denied: marketing may not SELECT table sales:sales.orders: missing SELECT"
                    + " (its grant of SELECT on table sales:sales.orders expired at"
                    + " 2027-01-31T00:00:00Z)");
      }
      assertThat(expiries(world, "sales"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.actor()).isEqualTo(SALES);
                assertThat(e.resource()).isEqualTo("table sales:sales.orders");
                assertThat(e.before())
                    .isEqualTo("marketing SELECT on table sales:sales.orders by sales");
                assertThat(e.after()).isEqualTo("marketing none; expired at 2027-01-31T00:00:00Z");
              });
      assertThat(meshEvents(world, Kind.ACCESS_EXPIRED))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.account()).isEqualTo("marketing");
                assertThat(e.table()).isEqualTo(ORDERS);
                assertThat(e.data())
                    .containsEntry("grantee", "marketing")
                    .containsEntry("permissions", "SELECT")
                    .containsEntry("expires", "2027-01-31T00:00:00Z");
              });
      // Kept on record, shown as expired.
      assertThat(g.grants(MARKETING))
          .singleElement()
          .satisfies(
              kept -> {
                assertThat(kept.expires()).isEqualTo(EXPIRES);
                assertThat(kept.notice()).isEqualTo(Grant.ExpiryNotice.EXPIRED);
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void anApprovalWithAnExpiryEndsTheSubscriptionAndReadsThroughItsLink(Topology topology) {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(topology, clock)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      AccessRequest approved = g.approve(SALES, asked.id(), null, null, EXPIRES);
      assertThat(approved.expires()).isEqualTo(EXPIRES);
      assertThat(g.grants(MARKETING)).extracting(Grant::expires).containsExactly(EXPIRES);
      TableId link = TableId.of("marketing", "sales_link", "orders");
      assertThat(g.checkSelect(MARKETING, link).allColumns()).isTrue();

      clock.set(EXPIRES.plusSeconds(1));

      assertThatThrownBy(() -> g.checkSelect(MARKETING, link))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not SELECT table sales:sales.orders (through"
                  + " marketing:sales_link.orders): missing SELECT (its grant of SELECT on table"
                  + " sales:sales.orders expired at 2027-01-31T00:00:00Z)");
      assertThat(g.requests(MARKETING))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.state()).isEqualTo(AccessRequest.State.REVOKED);
                assertThat(r.expires()).isEqualTo(EXPIRES);
              });
      assertThat(expiries(world, "sales")).hasSize(1);
      // The subscription ended by itself: the consumer may ask again.
      assertThat(g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).state())
          .isEqualTo(AccessRequest.State.PENDING);
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void whatWasRegrantedOnAnExpiredGrantEndsWithIt(Topology topology) {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(topology, clock)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      Grant marketing =
          g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT, SELECT, null, EXPIRES);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), SELECT);
      assertThat(g.checkSelect(ANALYST, INVENTORY).allColumns()).isTrue();

      clock.set(EXPIRES);

      // The analyst's own grant does not expire; the one it rests on does.
      assertThatThrownBy(() -> g.checkSelect(ANALYST, INVENTORY))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing:analyst may not SELECT table product:product.inventory:"
                  + " missing SELECT (no grant on the table, its columns, its database or a"
                  + " matching LF-tag policy)");
      assertThat(g.grants(ANALYST)).isEmpty();
      assertThat(CascadeTest.cascades(world, "product"))
          .extracting(AuditEvent::after)
          .containsExactly("marketing:analyst none; cascade of grant:" + marketing.id());
      assertThat(expiries(world, "product"))
          .extracting(AuditEvent::after)
          .containsExactly("marketing none; expired at 2027-01-31T00:00:00Z");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aGrantMadeAgainAfterItsExpiryReplacesItAndRevivesNothing(Topology topology) {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(topology, clock)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      Set<Permission> both = Set.of(Permission.SELECT, Permission.DESCRIBE);
      g.grant(SALES, MARKETING, Resource.table(ORDERS), both, Set.of(), null, EXPIRES);
      clock.set(EXPIRES.plus(Duration.ofDays(1)));

      // No check met the expiry: granting again records it, then starts a new entry.
      Grant again = g.grant(SALES, MARKETING, Resource.table(ORDERS), Set.of(Permission.DESCRIBE));

      assertThat(again.permissions()).containsExactly(Permission.DESCRIBE);
      assertThat(again.expires()).isNull();
      assertThat(again.notice()).isEqualTo(Grant.ExpiryNotice.NONE);
      assertThat(g.grants(MARKETING)).containsExactly(again);
      assertThat(expiries(world, "sales")).hasSize(1);
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing may not SELECT table sales:sales.orders: missing SELECT"
                  + " (no grant on the table, its columns, its database or a matching LF-tag"
                  + " policy)");
      assertThat(g.describe(MARKETING, ORDERS).columns()).isNotEmpty();
    }
  }

  @Test
  void theSweepTellsAComingExpiryOnceAndRecordsItWhenItComes() {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(Topology.CENTRAL, clock)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      Grant grant =
          g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT, Set.of(), null, EXPIRES);
      g.grant(SALES, PRODUCT, Resource.table(ORDERS), SELECT);

      clock.set(EXPIRES.minus(Duration.ofDays(8)));
      assertThat(g.expireGrants(world.governor())).isEqualTo(new ExpirySweep(List.of(), List.of()));
      clock.set(EXPIRES.minus(Duration.ofDays(7)));
      assertThat(g.expireGrants(world.governor()))
          .isEqualTo(new ExpirySweep(List.of(grant.id()), List.of()));
      assertThat(g.expireGrants(SALES)).isEqualTo(new ExpirySweep(List.of(), List.of()));
      assertThat(meshEvents(world, Kind.ACCESS_EXPIRING))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.data())
                      .containsEntry("grantee", "marketing")
                      .containsEntry("expires", "2027-01-31T00:00:00Z"));
      assertThat(g.checkSelect(MARKETING, ORDERS).allColumns()).isTrue();

      clock.set(EXPIRES);
      assertThat(g.expireGrants(SALES)).isEqualTo(new ExpirySweep(List.of(), List.of(grant.id())));
      assertThat(g.expireGrants(world.governor())).isEqualTo(new ExpirySweep(List.of(), List.of()));
      assertThatThrownBy(() -> g.checkSelect(MARKETING, ORDERS))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(expiries(world, "sales")).hasSize(1);
      assertThat(meshEvents(world, Kind.ACCESS_EXPIRED)).hasSize(1);
      assertThat(g.checkSelect(PRODUCT, ORDERS).allColumns()).isTrue();
    }
  }

  @Test
  void onlyAnAdministratorOfTheDataSweepsOrReviews() {
    try (MeshWorld world = open(Topology.CENTRAL, new ManualClock(START))) {
      GovernanceService g = service(world);
      String missing =
          ": only the administrator of a producer (its own data) or of a governance account (the"
              + " data it governs) reviews grants";
      assertThatThrownBy(() -> g.expireGrants(MARKETING))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage("access denied: marketing may not SWEEP expiries of grants" + missing);
      assertThatThrownBy(() -> g.accessReview(ANALYST, AccessReview.Scope.all()))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage("access denied: marketing:analyst may not REVIEW grants of grants" + missing);
    }
  }

  @Test
  void anExpiryThatIsNotInTheFutureIsRefusedAndGrantsNothing() {
    try (MeshWorld world = open(Topology.CENTRAL, new ManualClock(START))) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      assertThatThrownBy(
              () ->
                  g.grant(SALES, MARKETING, Resource.table(ORDERS), SELECT, Set.of(), null, START))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessage(
              "an expiry must be in the future: 2027-01-01T00:00:00Z is not after now"
                  + " (2027-01-01T00:00:00Z); give a later date or a duration such as 30d");
      assertThat(g.grants(MARKETING)).isEmpty();
    }
  }

  @Test
  void theReviewListsEveryGrantWithItsAuthorityExpiryAndAge() {
    ManualClock clock = new ManualClock(START);
    try (MeshWorld world = open(Topology.CENTRAL, clock)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      world.publish(INVENTORY);
      AccessRequest asked = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      g.approve(SALES, asked.id(), null, null, EXPIRES);
      Grant product = g.grant(SALES, PRODUCT, Resource.table(ORDERS), SELECT);
      g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT);
      clock.set(START.plus(Duration.ofDays(25)));

      AccessReview review = g.accessReview(world.governor(), AccessReview.Scope.all());

      assertThat(review.entries())
          .extracting(
              e ->
                  e.product()
                      + " | "
                      + e.holder()
                      + " | "
                      + e.authority()
                      + " | "
                      + e.ageDays()
                      + " | "
                      + e.expires()
                      + " | "
                      + e.status())
          .containsExactly(
              "product.inventory | marketing | owner | 25 | null | ACTIVE",
              "sales.orders | marketing | request:"
                  + asked.id()
                  + " | 25 | 2027-01-31T00:00:00Z | EXPIRING",
              "sales.orders | product | owner | 25 | null | ACTIVE");
      assertThat(review.summary())
          .isEqualTo("3 grants, 0 expired, 1 expiring in 7 days, 3 never used");
      assertThat(g.accessReview(SALES, AccessReview.Scope.all()).entries())
          .extracting(AccessReview.Entry::grant)
          .contains(product.id())
          .hasSize(2);
      assertThat(
              g.accessReview(world.governor(), new AccessReview.Scope("product.inventory", null))
                  .entries())
          .singleElement()
          .satisfies(e -> assertThat(e.holder()).isEqualTo(MARKETING));
    }
  }

  private static List<AuditEvent> expiries(MeshWorld world, String producer) {
    return world.events(world.mesh.auditLogOf(producer)).stream()
        .filter(e -> e.action() == AuditAction.EXPIRE)
        .toList();
  }

  private static List<MeshEvent> meshEvents(MeshWorld world, Kind kind) {
    return ((SupportsEvents) world.catalog)
        .eventsAfter(0, 1000).stream().filter(e -> e.kind() == kind).toList();
  }
}
