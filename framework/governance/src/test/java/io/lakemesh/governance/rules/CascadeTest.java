package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.PRODUCT;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.INVENTORY;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static io.lakemesh.governance.rules.MeshWorld.ORDER_COLUMNS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Grant;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Principal;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.TagExpression;
import io.lakemesh.governance.TagTarget;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Derived grants end with their authority: a revoked grant, a revoked request, a revoked tag-policy
 * grant take everything made on them along, transitively, in the same unit of work, and the audit
 * log says so. Actions go through {@link #service}; the log is read as stored.
 */
class CascadeTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final Resource DOMAIN_SALES =
      Resource.tagPolicy("sales", TagExpression.parse("domain=sales"));

  /** The rules as a caller reaches them: in process here; over HTTP in the server's tests. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aConsumerRegrantEndsWhenTheProducerRevokesTheConsumer(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      Grant marketing = g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), SELECT);
      assertThat(g.checkSelect(ANALYST, INVENTORY).allColumns()).isTrue();

      g.revoke(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT);

      assertThatThrownBy(() -> g.checkSelect(ANALYST, INVENTORY))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: marketing:analyst may not SELECT table product:product.inventory:"
                  + " missing SELECT (no grant on the table, its columns, its database or a"
                  + " matching LF-tag policy)");
      assertThat(g.grants(ANALYST)).isEmpty();
      assertThat(cascades(world, "product"))
          .singleElement()
          .satisfies(
              e -> {
                assertThat(e.actor()).isEqualTo(PRODUCT);
                assertThat(e.resource()).isEqualTo("table product:product.inventory");
                assertThat(e.before())
                    .isEqualTo(
                        "marketing:analyst SELECT on table product:product.inventory [grant:"
                            + marketing.id()
                            + "] by marketing");
                assertThat(e.after())
                    .isEqualTo("marketing:analyst none; cascade of grant:" + marketing.id());
              });
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aPartialRevokeTakesFromTheRegrantOnlyWhatIsNoLongerGrantable(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      Set<Permission> both = Set.of(Permission.SELECT, Permission.DESCRIBE);
      Grant marketing = g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), both, both);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), both);

      g.revoke(PRODUCT, MARKETING, Resource.table(INVENTORY), Set.of(Permission.DESCRIBE));

      assertThat(g.grants(ANALYST))
          .singleElement()
          .satisfies(a -> assertThat(a.permissions()).containsExactly(Permission.SELECT));
      assertThat(g.checkSelect(ANALYST, INVENTORY).allColumns()).isTrue();
      assertThat(cascades(world, "product"))
          .extracting(AuditEvent::after)
          .containsExactly(
              "marketing:analyst SELECT on table product:product.inventory [grant:"
                  + marketing.id()
                  + "] by marketing; cascade of grant:"
                  + marketing.id());
    }
  }

  /**
   * One entry per grantee and resource rests on one authority: the owner's grant replaces a
   * re-grant rather than adopting its permissions, which would then outlive their authority.
   */
  @ParameterizedTest
  @EnumSource(Topology.class)
  void anOwnersGrantReplacesARegrantInsteadOfAdoptingIt(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      Grant marketing = g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), SELECT);

      g.grant(PRODUCT, ANALYST, Resource.table(INVENTORY), Set.of(Permission.DESCRIBE));

      assertThat(g.grants(ANALYST))
          .singleElement()
          .satisfies(a -> assertThat(a.permissions()).containsExactly(Permission.DESCRIBE))
          .satisfies(a -> assertThat(a.authorisation()).isNull());
      assertThatThrownBy(() -> g.checkSelect(ANALYST, INVENTORY))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(world.events(world.mesh.auditLogOf("product")))
          .filteredOn(e -> e.action() == AuditAction.GRANT && e.actor().equals(PRODUCT))
          .last()
          .satisfies(
              e ->
                  assertThat(e.before())
                      .isEqualTo(
                          "marketing:analyst SELECT on table product:product.inventory [grant:"
                              + marketing.id()
                              + "] by marketing"))
          .satisfies(
              e ->
                  assertThat(e.after())
                      .isEqualTo(
                          "marketing:analyst DESCRIBE on table product:product.inventory by"
                              + " product"));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRegrantOfWhatTheOwnerGaveAlreadyLeavesTheOwnersGrantStanding(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(INVENTORY);
      g.grant(PRODUCT, ANALYST, Resource.table(INVENTORY), SELECT);
      g.grant(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.table(INVENTORY), SELECT);

      g.revoke(PRODUCT, MARKETING, Resource.table(INVENTORY), SELECT);

      assertThat(g.checkSelect(ANALYST, INVENTORY).allColumns()).isTrue();
      assertThat(g.grants(ANALYST))
          .singleElement()
          .satisfies(a -> assertThat(a.grantor()).isEqualTo(PRODUCT));
      assertThat(cascades(world, "product")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "LOB_FEDERATED"})
  void aChainOfGrantsEndsLinkByLink(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      Grant governance = g.grant(SALES, world.governor(), Resource.table(ORDERS), SELECT, SELECT);
      Grant marketing =
          g.grant(world.governor(), MARKETING, Resource.table(ORDERS), SELECT, SELECT);
      g.grant(MARKETING, ANALYST, Resource.columns(ORDERS, List.of("amount")), SELECT);
      assertThat(g.checkSelect(ANALYST, ORDERS).visibleColumnNames()).containsExactly("amount");

      g.revoke(SALES, world.governor(), Resource.table(ORDERS), SELECT);

      for (var reader : List.of(MARKETING, ANALYST)) {
        assertThatThrownBy(() -> g.checkSelect(reader, ORDERS))
            .as(reader.toString())
            .isInstanceOf(AccessDeniedException.class);
      }
      assertThat(cascades(world, "sales"))
          .extracting(AuditEvent::after)
          .containsExactly(
              "marketing none; cascade of grant:" + governance.id(),
              "marketing:analyst none; cascade of grant:" + marketing.id());
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = Topology.class,
      names = {"CENTRAL", "LOB_FEDERATED"})
  void aGovernanceGrantOnARequestEndsWhenTheProducerRevokesTheRequest(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      AccessRequest active =
          g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      Resource amount = Resource.columns(ORDERS, List.of("amount"));
      Grant carried = g.grant(world.governor(), MARKETING, amount, SELECT);
      assertThat(carried.authorisation()).hasToString("request:" + active.id());

      g.revokeSubscription(SALES, active.id());

      assertEndedByOneCascade(
          world,
          g,
          MARKETING,
          amount.toString(),
          "marketing none; cascade of request:" + active.id());
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aLapsedSubscriptionTakesWhatWasMadeOnItAlong(Topology topology) {
    try (MeshWorld world = open(topology)) {
      GovernanceService g = service(world);
      world.publish(ORDERS);
      AccessRequest active =
          g.approve(SALES, g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id());
      if (topology != Topology.FEDERATED) {
        g.grant(world.governor(), MARKETING, Resource.columns(ORDERS, List.of("amount")), SELECT);
      }

      // Revoking the subscription's grant ends the subscription, and what rests on it.
      g.revoke(SALES, MARKETING, Resource.table(ORDERS), SELECT);

      assertThat(g.requests(SALES))
          .singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(AccessRequest.State.REVOKED));
      assertReadEnded(g, MARKETING);
      assertThat(cascades(world, "sales"))
          .extracting(AuditEvent::after)
          .containsExactlyElementsOf(
              topology == Topology.FEDERATED
                  ? List.of()
                  : List.of("marketing none; cascade of request:" + active.id()));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void aRegrantOfATagPolicyEndsWithThePolicyGrant(Topology topology) {
    try (MeshWorld world = taggedOrders(topology)) {
      GovernanceService g = service(world);
      Grant marketing = g.grant(SALES, MARKETING, DOMAIN_SALES, SELECT, SELECT);
      g.grant(MARKETING, ANALYST, DOMAIN_SALES, SELECT);
      assertThat(g.checkSelect(ANALYST, ORDERS).allColumns()).isTrue();

      g.revoke(SALES, MARKETING, DOMAIN_SALES, SELECT);

      assertEndedByOneCascade(
          world,
          g,
          ANALYST,
          "LF-tag policy sales:(domain=sales)",
          "marketing:analyst none; cascade of grant:" + marketing.id());
    }
  }

  /**
   * A re-tag ends no grant: a grant on a tag policy is about the policy, which still holds for
   * other tables. The table leaves the policy's reach on the next check for everyone in the chain,
   * and comes back if it is tagged back; the log has the tag change and every refused read.
   */
  @ParameterizedTest
  @EnumSource(Topology.class)
  void aTableRetaggedOutOfAPolicyIsRefusedToTheWholeChain(Topology topology) {
    try (MeshWorld world = taggedOrders(topology)) {
      GovernanceService g = service(world);
      g.grant(SALES, MARKETING, DOMAIN_SALES, SELECT, SELECT);
      g.grant(MARKETING, ANALYST, DOMAIN_SALES, SELECT);
      long before = world.lastSeq(world.mesh.auditLogOf("sales"));

      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "product");

      for (var reader : List.of(MARKETING, ANALYST)) {
        assertThatThrownBy(() -> g.checkSelect(reader, ORDERS))
            .as(reader.toString())
            .isInstanceOf(AccessDeniedException.class);
      }
      assertThat(g.grants(ANALYST)).singleElement();
      assertThat(world.eventsAfter(world.mesh.auditLogOf("sales"), before))
          .extracting(e -> e.action() + " " + e.actor() + " " + e.outcome())
          .containsExactly(
              "TAG_ASSIGN sales ALLOWED",
              "SELECT marketing REFUSED",
              "SELECT marketing:analyst REFUSED");

      g.assignTag(SALES, TagTarget.table(ORDERS), "domain", "sales");
      assertThat(g.checkSelect(ANALYST, ORDERS).allColumns()).isTrue();
    }
  }

  private MeshWorld taggedOrders(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS, ORDER_COLUMNS, Map.of());
    world.defineSalesTags();
    world.governance.assignTag(SALES, TagTarget.table(ORDERS), "domain", "sales");
    return world;
  }

  /** The cascade events in the log recording the producer's data, oldest first. */
  static List<AuditEvent> cascades(MeshWorld world, String producer) {
    return world.events(world.mesh.auditLogOf(producer)).stream()
        .filter(e -> e.action() == AuditAction.REVOKE && !e.refused())
        .filter(e -> e.after().contains("; cascade of "))
        .toList();
  }

  /** The reader is refused orders and holds no grant any more. */
  private static void assertReadEnded(GovernanceService g, Principal reader) {
    assertThatThrownBy(() -> g.checkSelect(reader, ORDERS))
        .isInstanceOf(AccessDeniedException.class);
    assertThat(g.grants(reader)).isEmpty();
  }

  /** ... and the sales log has one cascade, which ended {@code resource} as {@code after}. */
  private static void assertEndedByOneCascade(
      MeshWorld world, GovernanceService g, Principal reader, String resource, String after) {
    assertReadEnded(g, reader);
    assertThat(cascades(world, "sales"))
        .singleElement()
        .satisfies(e -> assertThat(e.resource()).isEqualTo(resource))
        .satisfies(e -> assertThat(e.after()).isEqualTo(after));
  }
}
