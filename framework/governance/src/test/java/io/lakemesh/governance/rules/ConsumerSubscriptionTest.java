package io.lakemesh.governance.rules;

import static io.lakemesh.governance.MeshFixtures.ANALYST;
import static io.lakemesh.governance.MeshFixtures.FINANCE;
import static io.lakemesh.governance.MeshFixtures.MARKETING;
import static io.lakemesh.governance.MeshFixtures.SALES;
import static io.lakemesh.governance.rules.MeshWorld.ORDERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lakemesh.catalog.TableId;
import io.lakemesh.exceptions.AccessDeniedException;
import io.lakemesh.exceptions.InvalidRequestException;
import io.lakemesh.governance.AccessRequest;
import io.lakemesh.governance.AccessRequest.State;
import io.lakemesh.governance.AuditAction;
import io.lakemesh.governance.AuditEvent;
import io.lakemesh.governance.Permission;
import io.lakemesh.governance.Resource;
import io.lakemesh.governance.Topology;
import java.util.List;
import java.util.Set;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The consumer's side of a subscription: it says why it asks, the producer reads why, and it may
 * end the subscription itself when it no longer needs the data; no other consumer may.
 */
class ConsumerSubscriptionTest extends RuleSuite {
  private static final Set<Permission> SELECT = Set.of(Permission.SELECT);
  private static final TableId VIA_LINK = TableId.of("marketing", "sales_link", "orders");
  private static final String WHY =
      "Campaign attribution for Q1: we join order amounts to ad spend.";

  /** The rules as the suite asks them: in process here; the catalog server's tests over HTTP. */
  GovernanceService service(MeshWorld world) {
    return world.governance;
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theProducerReadsWhyTheConsumerAsksAndTheWordsStayThroughTheDecisions(Topology topology) {
    try (MeshWorld world = published(topology)) {
      GovernanceService g = service(world);
      AccessRequest asked =
          g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT, "  " + WHY + "\n");

      assertThat(asked.justification()).isEqualTo(WHY);
      assertThat(g.requests(SALES))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.justification()).isEqualTo(WHY);
                assertThat(r.reason()).isEmpty();
              });
      g.deny(SALES, asked.id(), "ask for the columns you join on");
      assertThat(g.requests(MARKETING))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.justification()).isEqualTo(WHY);
                assertThat(r.reason()).isEqualTo("ask for the columns you join on");
              });
      assertThat(g.approve(SALES, asked.id()).justification()).isEqualTo(WHY);
      assertThat(world.events(world.mesh.auditLogOf("sales")))
          .filteredOn(e -> e.action() == AuditAction.REQUEST)
          .singleElement()
          .satisfies(e -> assertThat(e.after()).endsWith("; justification: " + WHY));
    }
  }

  @Test
  void askedAgainAfterARevocationTheNewWordsReplaceTheOldAndNoWordsAreNone() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      GovernanceService g = service(world);
      AccessRequest first = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT);
      assertThat(first.justification()).isEmpty();
      g.approve(SALES, first.id());
      g.revokeSubscription(SALES, first.id());

      AccessRequest again =
          g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT, "Needed again for Q2.");

      assertThat(again.id()).isEqualTo(first.id());
      assertThat(g.requests(SALES))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.state()).isEqualTo(State.PENDING);
                assertThat(r.justification()).isEqualTo("Needed again for Q2.");
              });
    }
  }

  @Test
  void aJustificationThatIsNotAShortPlainTextIsRefusedOnRecordAndNothingIsAsked() {
    try (MeshWorld world = published(Topology.CENTRAL)) {
      GovernanceService g = service(world);
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      assertThatThrownBy(
              () -> g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT, "x".repeat(1001)))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "a justification is at most 1000 characters, this one has 1001; say in a few"
                  + " sentences why the access is needed");
      assertThatThrownBy(
              () -> g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT, "ok\u001b[2Jgone"))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining(
              "a justification is plain text: remove the control characters (such as terminal"
                  + " escapes) from it");

      assertThat(g.requests(SALES)).isEmpty();
      assertThat(world.eventsAfter(log, before))
          .extracting(AuditEvent::action, AuditEvent::outcome)
          .containsExactly(
              Tuple.tuple(AuditAction.REQUEST, AuditEvent.Outcome.REFUSED),
              Tuple.tuple(AuditAction.REQUEST, AuditEvent.Outcome.REFUSED));
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void theRequesterEndsItsOwnSubscriptionAndItsReadIsRefusedNext(Topology topology) {
    try (MeshWorld world = published(topology)) {
      GovernanceService g = service(world);
      long id = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id();
      g.approve(SALES, id);
      assertThat(g.checkSelect(MARKETING, VIA_LINK).target()).isEqualTo(ORDERS);
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      AccessRequest ended = g.revokeSubscription(MARKETING, id);
      List<AuditEvent> recorded = world.eventsAfter(log, before);

      assertThat(ended.state()).isEqualTo(State.REVOKED);
      assertThat(ended.decidedBy()).isEqualTo(MARKETING);
      assertThat(g.grants(MARKETING)).isEmpty();
      assertThatThrownBy(() -> g.checkSelect(MARKETING, VIA_LINK))
          .isInstanceOf(AccessDeniedException.class);
      assertThat(g.requests(SALES))
          .singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(State.REVOKED));
      assertThat(recorded)
          .extracting(AuditEvent::action)
          .containsExactly(AuditAction.REVOKE_SUBSCRIPTION, AuditAction.REVOKE);
      // The requester ends it on its own account's authority, not on the producer's.
      assertThat(recorded)
          .allSatisfy(
              e -> {
                assertThat(e.actor()).isEqualTo(MARKETING);
                assertThat(e.actingAs()).isEqualTo("marketing");
                assertThat(e.outcome()).isEqualTo(AuditEvent.Outcome.ALLOWED);
              });
      assertThat(recorded.get(0).after())
          .startsWith("request " + id + " REVOKED: marketing SELECT");
    }
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  void noOtherConsumerEndsASubscriptionAndEachAttemptIsRefusedOnRecord(Topology topology) {
    try (MeshWorld world = published(topology)) {
      GovernanceService g = service(world);
      long id = g.requestAccess(MARKETING, Resource.table(ORDERS), SELECT).id();
      g.approve(SALES, id);
      String log = world.mesh.auditLogOf("sales");
      long before = world.lastSeq(log);

      assertThatThrownBy(() -> g.revokeSubscription(FINANCE, id))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessage(
              "access denied: finance may not REVOKE SUBSCRIPTION request "
                  + id
                  + " on table sales:sales.orders: only the owning producer sales or the"
                  + " requester marketing ends a subscription");
      // A principal inside the requester's account is not the requester.
      assertThatThrownBy(() -> g.revokeSubscription(ANALYST, id))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("only the owning producer sales or the requester marketing");

      assertThat(g.requests(SALES))
          .singleElement()
          .satisfies(r -> assertThat(r.state()).isEqualTo(State.ACTIVE));
      assertThat(g.checkSelect(MARKETING, VIA_LINK).target()).isEqualTo(ORDERS);
      assertThat(world.eventsAfter(log, before))
          .filteredOn(e -> e.action() == AuditAction.REVOKE_SUBSCRIPTION)
          .extracting(e -> e.actor().toString(), AuditEvent::outcome)
          .containsExactly(
              Tuple.tuple("finance", AuditEvent.Outcome.REFUSED),
              Tuple.tuple("marketing:analyst", AuditEvent.Outcome.REFUSED));
    }
  }

  private MeshWorld published(Topology topology) {
    MeshWorld world = open(topology);
    world.publish(ORDERS);
    return world;
  }
}
